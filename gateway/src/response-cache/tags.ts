// What a cached answer shows, as tags a change event can name: `id:<id>` for every entity id in
// the data (and every UUID the query asked about, so an answer that was null is dropped too when
// that listing appears), and `type:<aggregate>` when the answer depends on the SET of such
// entities (a search page, a sitemap, an agency's listings): any change of one of them may
// change that answer, so every change of that aggregate drops it.
import { graphqlRuntime } from "@ppt/server-kit/edge";
import type { DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLOutputType, GraphQLSchema, SelectionSetNode } from "graphql";

// The schema and document are Apollo's (graphql's CommonJS build): use the same build on them.
const { getNamedType, isInterfaceType, isListType, isNonNullType, isObjectType, Kind, visit } = graphqlRuntime;

/** Public types of the graph whose change events the cache hears, by the events' aggregate type. */
export const ENTITY_AGGREGATES: Readonly<Record<string, string>> = {
  Listing: "listing",
  SitemapListing: "listing",
  ListingCluster: "listing",
  Agency: "agency",
  Realtor: "realtor",
};

/** Types that ARE a set of listings (their counts and facets change with any listing). */
const COLLECTIONS: Readonly<Record<string, string>> = {
  ListingSearchConnection: "listing",
  ListingConnection: "listing",
  SitemapListingPage: "listing",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const idTag = (id: string) => `id:${id.toLowerCase()}`;
export const typeTag = (aggregate: string) => `type:${aggregate}`;

/** The tags that follow from the document alone (kept per document: the portal sends a handful). */
export class DocumentTags {
  private readonly known = new Map<string, readonly string[]>();

  constructor(private readonly limit = 1_000) {}

  of(schema: GraphQLSchema, document: DocumentNode, source: string, operationName: string | null | undefined): readonly string[] {
    const key = `${operationName ?? ""}\n${source}`;
    let tags = this.known.get(key);
    if (!tags) {
      tags = documentTags(schema, document, operationName);
      if (this.known.size >= this.limit) this.known.clear();
      this.known.set(key, tags);
    }
    return tags;
  }
}

function documentTags(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): string[] {
  const tags = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const root = schema.getRootType(operation.operation);
  if (!root) return [];

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, underList: boolean, seen: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const inList = underList || hasList(field.type);
        const named = getNamedType(field.type);
        const collection = COLLECTIONS[named.name];
        if (collection) tags.add(typeTag(collection));
        const aggregate = ENTITY_AGGREGATES[named.name];
        // One entity, identified in the answer: its own id tag is enough. In a list (or without its
        // id) the answer depends on which entities there are.
        if (aggregate && (inList || !selectsId(selection.selectionSet, fragments))) tags.add(typeTag(aggregate));
        if (selection.selectionSet) walk(selection.selectionSet, named as GraphQLCompositeType, inList, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
        if (type) walk(selection.selectionSet, type, underList, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        if (type) walk(fragment.selectionSet, type, underList, new Set([...seen, fragment.name.value]));
      }
    }
  };
  walk(operation.selectionSet, root, false, new Set());
  // Ids written into the query text (listing(id: "…")): the answer is about them even when null.
  visit(operation, {
    StringValue(node) {
      if (UUID.test(node.value)) tags.add(idTag(node.value));
    },
  });
  return [...tags];
}

function hasList(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner);
}

function selectsId(selectionSet: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>, depth = 0): boolean {
  if (!selectionSet || depth > 5) return false;
  return selectionSet.selections.some((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === "id" && !selection.alias
      : selection.kind === Kind.INLINE_FRAGMENT
        ? selectsId(selection.selectionSet, fragments, depth + 1)
        : selectsId(fragments.get(selection.name.value)?.selectionSet, fragments, depth + 1),
  );
}

/** The answer's own tags: every `id` in the data and every UUID among the variables. */
export function dataTags(data: unknown, variables: unknown, into: Set<string>): Set<string> {
  const visitData = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visitData(item);
    } else if (value && typeof value === "object") {
      for (const [key, field] of Object.entries(value)) {
        if (key === "id" && typeof field === "string") into.add(idTag(field));
        else if (field && typeof field === "object") visitData(field);
      }
    }
  };
  const visitVariables = (value: unknown): void => {
    if (typeof value === "string") {
      if (UUID.test(value)) into.add(idTag(value));
    } else if (Array.isArray(value)) {
      for (const item of value) visitVariables(item);
    } else if (value && typeof value === "object") {
      for (const field of Object.values(value)) visitVariables(field);
    }
  };
  visitData(data);
  visitVariables(variables);
  return into;
}
