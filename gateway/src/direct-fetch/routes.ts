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
import type { QueryPlan } from "@apollo/query-planner";
import { graphqlRuntime } from "@ppt/server-kit/edge";
import { Kind, OperationTypeNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

export interface DirectRoute {
  serviceName: string;
  /** The plan's subgraph operation and its name, sent as Apollo Gateway sends them. */
  query: string;
  operationName: string | undefined;
  /** The client's variables the subgraph operation uses. */
  variableNames: string[];
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
  const fetch = plan.node;
  if (fetch?.kind !== "Fetch" || fetch.operationKind !== OperationTypeNode.QUERY || operation.operation !== OperationTypeNode.QUERY) return null;
  // Anything the gateway adds to or takes from the subgraph's answer rules forwarding out.
  if (fetch.requires?.length || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length || fetch.hasDefers) return null;
  // One operation and nothing else (fragments would be spread differently in the subgraph operation).
  if (document.definitions.length !== 1 || operation.directives?.length) return null;
  // Root meta-fields (__typename, introspection) are answered by the gateway itself.
  if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value.startsWith("__"))) return null;
  const fetchDocument = fetch.operationDocumentNode ?? graphqlRuntime.parse(fetch.operation);
  const [fetchOperation, ...rest] = fetchDocument.definitions;
  if (rest.length || fetchOperation?.kind !== Kind.OPERATION_DEFINITION) return null;
  if (graphqlRuntime.print(fetchOperation.selectionSet) !== graphqlRuntime.print(operation.selectionSet)) return null;
  return {
    serviceName: fetch.serviceName,
    query: fetch.operation,
    operationName: fetch.operationName,
    variableNames: fetch.variableUsages ?? [],
    schema,
    operation,
    document,
  };
}
