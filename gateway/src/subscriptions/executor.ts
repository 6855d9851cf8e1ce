// Resolves one subscription event through the gateway's own plan executor: a plan made of the
// primary fetch (whose result IS the event the subgraph pushed) followed by `rest`, so entity
// fetches to other subgraphs (e.g. the reality subgraph's `Unit.listings`), `@requires` and
// result shaping all run exactly as for a query.
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import type { OperationContext } from "@apollo/gateway/dist/operationContext.js";
import type { QueryPlan } from "@apollo/query-planner";
import type { DocumentNode, ExecutionResult } from "graphql";
import type { GatewayContext } from "../app.ts";
import type { SubscriptionPlan, SupergraphState } from "./planner.ts";

export interface EventExecution {
  plan: SubscriptionPlan;
  state: SupergraphState;
  document: DocumentNode;
  operationName: string | undefined;
  query: string;
  variables: Record<string, unknown>;
  context: GatewayContext;
  services: ServiceMap;
  /** Built once per group of identical subscriptions (groups.ts), reused by each of its events. */
  operationContext?: OperationContext;
}

export function operationContextOf(state: SupergraphState, document: DocumentNode, operationName: string | undefined): OperationContext {
  return buildOperationContext({ schema: state.apiSchema, operationDocument: document, operationName });
}

/** The primary subgraph's data source for one event: answers the primary fetch with the event, forwards anything else. */
function eventSource(real: GraphQLDataSource | undefined, primaryOperation: string, event: ExecutionResult): GraphQLDataSource {
  return {
    process: async (options) => {
      if (options.request.query === primaryOperation) return { data: event.data ?? null, errors: event.errors };
      if (!real) throw new Error("No data source for the subscription's subgraph");
      return real.process(options);
    },
  };
}

export async function executeSubscriptionEvent(execution: EventExecution, event: ExecutionResult): Promise<ExecutionResult> {
  const { plan, state, context } = execution;
  const queryPlan: QueryPlan = {
    kind: "QueryPlan",
    node: plan.rest ? { kind: "Sequence", nodes: [plan.primary, plan.rest] } : plan.primary,
  };
  const serviceMap: ServiceMap = {
    ...execution.services,
    [plan.primary.serviceName]: eventSource(execution.services[plan.primary.serviceName], plan.primary.operation, event),
  };
  const operationContext = (execution.operationContext ??= operationContextOf(state, execution.document, execution.operationName));
  const requestContext = {
    request: { query: execution.query, variables: execution.variables, operationName: execution.operationName },
    context,
    document: execution.document,
    operationName: execution.operationName ?? null,
    logger: console,
    metrics: {},
    cache: undefined,
    overallCachePolicy: undefined,
  };
  const result = await executeQueryPlan(queryPlan, serviceMap, requestContext as never, operationContext, state.supergraphSchema, state.apiFederationSchema);
  return result as ExecutionResult;
}
