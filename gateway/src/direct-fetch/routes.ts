// Queries the gateway can answer by forwarding: their whole query plan is one fetch from one
// subgraph, and that fetch asks exactly the client's selection. Then the subgraph's answer,
// when it is data without errors, is the gateway's answer byte for byte (same fields, same
// order, same aliases, same nullability: the supergraph's types of fields one subgraph resolves
// are that subgraph's), and Apollo Gateway's execution of the plan (building the operation
// again, merging the result, shaping it, serializing it) is work for nothing.
//
// A route is learned from a request Apollo served in full — parsed, validated, within the query
// limits, planned, answered without errors — and kept by the exact query text, so only a
// document the gateway has already accepted is ever forwarded.
//
// Other plans of a root fetch, alone or followed by entity fetches (`Flatten` steps, in sequence
// or in parallel), are run by the lane too (joins.ts, shape.ts) when every step is one Apollo
// Gateway would run without rewrites and the client's operation has a shape the lane builds (its
// fragments on their objects' own types, no directives or abstract types): the lane then does
// what Apollo's execution does, without rebuilding the operation for every request.
import type { FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from "@apollo/query-planner";
import { graphqlRuntime } from "@ppt/server-kit/edge";
import { Kind, OperationTypeNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { compileShape, type ObjectShape } from "./shape.ts";

/** One subgraph request of a route: the plan's operation and its name, sent as Apollo Gateway sends them. */
export interface RouteFetch {
  serviceName: string;
  query: string;
  operationName: string | undefined;
  /** The client's variables the subgraph operation uses. */
  variableNames: string[];
}

/** An entity fetch: the objects at `path` of the data so far, represented by the fields `requires` reads. */
export interface EntityFetch extends RouteFetch {
  path: (string | number)[];
  requires: QueryPlanSelectionNode[];
}

export interface DirectRoute extends RouteFetch {
  /** Entity fetches after the root fetch, in order; those of one group are sent together. */
  joins: EntityFetch[][];
  /** How the client's answer is built from the merged data; null: the root fetch asks the client's own selection, and its answer is forwarded as it is. */
  shape: ObjectShape | null;
  /** The client's document, as Apollo validated it against this schema. */
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  document: DocumentNode;
}

/** The gateway sends a bounded set of distinct documents (the apps' operations): a full table is emptied, not grown. */
const ROUTE_LIMIT = 1_000;

export class DirectRoutes {
  private readonly routes = new Map<string, DirectRoute>();

  /** The route of this exact query text, if one was learned. */
  get(query: string): DirectRoute | undefined {
    return this.routes.get(query);
  }

  /** Learns the route of a query Apollo answered without errors, if its plan can be forwarded. */
  learn(query: string, plan: QueryPlan, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): void {
    if (this.routes.has(query)) return;
    const route = directRouteOf(plan, schema, document, operation);
    if (!route) return;
    if (this.routes.size >= ROUTE_LIMIT) this.routes.clear();
    this.routes.set(query, route);
  }
}

export function directRouteOf(plan: QueryPlan, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): DirectRoute | null {
  if (operation.operation !== OperationTypeNode.QUERY || operation.directives?.length) return null;
  // One operation (with its fragments): a request naming none is then always this one, as with Apollo.
  if (document.definitions.some((d) => d.kind !== Kind.FRAGMENT_DEFINITION && d !== operation)) return null;
  const [first, ...steps]: (PlanNode | undefined)[] =
    plan.node?.kind === "Sequence" ? plan.node.nodes : [plan.node?.kind === "Subscription" ? undefined : plan.node];
  const root = first?.kind === "Fetch" && plainFetch(first) && !first.requires?.length ? first : null;
  if (!root) return null;
  const joins = (steps as PlanNode[]).map((step) =>
    step.kind === "Parallel" ? step.nodes.map((node) => entityFetchOf(node, schema)) : [entityFetchOf(step, schema)],
  );
  if (joins.some((group) => group.some((fetch) => fetch === null))) return null;
  const routeOf = (shape: ObjectShape | null): DirectRoute => ({ ...routeFetch(root), joins: joins as EntityFetch[][], shape, schema, operation, document });
  if (steps.length === 0 && asksClientSelection(root, document, operation)) return routeOf(null);
  const shape = compileShape(schema, document, operation);
  return shape ? routeOf(shape) : null;
}

/** The fetch asks exactly the client's selection: its answer is the client's, byte for byte. */
function asksClientSelection(fetch: FetchNode, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  // One operation and nothing else (fragments would be spread differently in the subgraph operation).
  if (document.definitions.length !== 1) return false;
  // Root meta-fields (__typename, introspection) are answered by the gateway itself.
  if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value.startsWith("__"))) return false;
  const fetchDocument = fetch.operationDocumentNode ?? graphqlRuntime.parse(fetch.operation);
  const [fetchOperation, ...rest] = fetchDocument.definitions;
  if (rest.length || fetchOperation?.kind !== Kind.OPERATION_DEFINITION) return false;
  return graphqlRuntime.print(fetchOperation.selectionSet) === graphqlRuntime.print(operation.selectionSet);
}

/** A query fetch whose answer the gateway takes as it is (no rewrites, no deferred parts). */
function plainFetch(fetch: FetchNode): boolean {
  return (
    fetch.operationKind === OperationTypeNode.QUERY &&
    !fetch.inputRewrites?.length &&
    !fetch.outputRewrites?.length &&
    !fetch.contextRewrites?.length &&
    !fetch.hasDefers
  );
}

function routeFetch(fetch: FetchNode): RouteFetch {
  return { serviceName: fetch.serviceName, query: fetch.operation, operationName: fetch.operationName, variableNames: fetch.variableUsages ?? [] };
}

/** A `Flatten` step over a plain entity fetch whose keys are read from one object type (by `__typename`). */
function entityFetchOf(node: PlanNode, schema: GraphQLSchema): EntityFetch | null {
  if (node.kind !== "Flatten" || node.node.kind !== "Fetch") return null;
  const fetch = node.node;
  if (!plainFetch(fetch) || !fetch.requires?.length) return null;
  if (
    !fetch.requires.every(
      (s) => s.kind === "InlineFragment" && graphqlRuntime.isObjectType(schema.getType(s.typeCondition ?? "")) && concreteKeys(s.selections),
    )
  )
    return null;
  return { ...routeFetch(fetch), path: [...node.path], requires: fetch.requires };
}

/** Key fields without further type conditions (an interface's would need the supergraph's types to test). */
function concreteKeys(selections: readonly QueryPlanSelectionNode[]): boolean {
  return selections.every((s) => s.kind === "Field" && (!s.selections || concreteKeys(s.selections)));
}
