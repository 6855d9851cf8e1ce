// A gateway document as the gateway would send its root field to the owning subgraph: the same
// root field and arguments, with the selections that subgraph does not serve left out (what the
// query planner fetches from another subgraph), so the subgraph's own checks alone decide.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildASTSchema, Kind, parse, print, TypeInfo, visit, visitWithTypeInfo, type FieldNode, type GraphQLSchema, type SelectionSetNode } from "graphql";
import { repoRoot } from "@ppt/server-kit";
import { servingGraphs } from "./operations.ts";

const schemas = new Map<string, GraphQLSchema>();

/** A subgraph's own schema, from the SDL `npm run compose` writes for it. */
function subgraphSchema(name: string): GraphQLSchema {
  let schema = schemas.get(name);
  if (!schema) {
    schema = buildASTSchema(parse(readFileSync(join(repoRoot, "schema", `${name}.graphql`), "utf8")), { assumeValidSDL: true });
    schemas.set(name, schema);
  }
  return schema;
}

/** The subgraph that owns a root field (the first that serves it). */
export function owningSubgraph(field: string): string {
  const [graph] = servingGraphs(field);
  if (!graph) throw new Error(`${field} has no serving subgraph in the supergraph`);
  return graph;
}

const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "__typename" } };

/** The document with only what the subgraph serves; a selection left empty asks for `__typename`. */
export function subgraphDocument(subgraph: string, document: string): string {
  const schema = subgraphSchema(subgraph);
  const typeInfo = new TypeInfo(schema);
  const pruned = visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field: { enter: () => (typeInfo.getFieldDef() ? undefined : null) },
      InlineFragment: { enter: (node) => (node.typeCondition && !schema.getType(node.typeCondition.name.value) ? null : undefined) },
      SelectionSet: {
        leave: (node): SelectionSetNode | undefined => (node.selections.length ? undefined : { ...node, selections: [typename] }),
      },
    }),
  );
  return print(pruned);
}
