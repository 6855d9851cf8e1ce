// What a query asks of the value a resolver returns: lets a search start reading, alongside its
// page, what it will be asked for next (a map box's facets).
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentSpreadNode,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type SelectionSetNode,
} from "graphql";

type Info = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "variableValues">;

/**
 * Whether the query selects the field `name` (under any alias, in fragments and inline fragments)
 * of the resolved value, honouring @skip and @include: a field asked for only sometimes changes
 * what the search reads (with its facets, the count is exact).
 */
export function selectsField(info: Info, name: string): boolean {
  const seen = new Set<string>();
  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((selection) => {
      if (!included(selection)) return false;
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return inSet(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}

/** The fields (names, not aliases) of a selection set, fragments and inline fragments flattened. */
function fieldsOf(set: SelectionSetNode, info: Info, seen: Set<string>, into: FieldNode[] = []): FieldNode[] {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, seen, into);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment) fieldsOf(fragment.selectionSet, info, seen, into);
    }
  }
  return into;
}

/**
 * The names of the fields selected at `path` below the resolved value (e.g. `edges.node`: what is
 * asked of each listing of a page), under any alias and in any fragment. @skip and @include are
 * not evaluated: a field they leave out still counts, so the answer is never less than asked.
 */
export function fieldsSelectedAt(info: Info, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(set, info, new Set()).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : [])),
    );
  }
  return new Set(sets.flatMap((set) => fieldsOf(set, info, new Set()).map((field) => field.name.value)));
}
