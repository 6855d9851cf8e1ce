// Subscription plans from the SAME supergraph the gateway serves. Apollo Gateway plans a
// subscription (a SubscriptionNode: the owning subgraph's `primary` fetch and an optional `rest`
// of entity fetches) but refuses to execute it; we execute it ourselves (see executor.ts).
//
// These are Apollo's internal APIs (@apollo/query-planner, @apollo/federation-internals): their
// versions are pinned exactly in package.json and gateway/tests/subscription-contract.test.ts
// fails if an upgrade changes what we rely on.
import type { ApolloGateway } from "@apollo/gateway";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from "@apollo/query-planner";
import type { DocumentNode, GraphQLSchema } from "graphql";

export interface SubscriptionPlan {
  /** The whole plan as the gateway would make it (its node is the SubscriptionNode). */
  queryPlan: QueryPlan;
  primary: FetchNode;
  rest: PlanNode | undefined;
}

export interface SupergraphState {
  /** The API schema (graphql-js) clients validate against: the gateway's own. */
  apiSchema: GraphQLSchema;
  /** The same, as federation-internals' Schema (for operations). */
  apiFederationSchema: Schema;
  /** The supergraph schema (graphql-js) the plan executor needs. */
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
}

/** Plans are cached per operation text: thousands of subscribers of one operation cost one plan. */
const PLAN_CACHE_SIZE = 1_000;

export class SubscriptionPlanner {
  private state: SupergraphState | null = null;
  private readonly plans = new Map<string, SubscriptionPlan>();

  /** Follows the gateway: every schema load or update rebuilds the planner and drops old plans. */
  constructor(gateway: ApolloGateway) {
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => this.load(apiSchema, coreSupergraphSdl));
  }

  load(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    const supergraph = Supergraph.build(supergraphSdl);
    this.state = {
      apiSchema,
      apiFederationSchema: supergraph.apiSchema(),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      planner: new QueryPlanner(supergraph),
    };
    this.plans.clear();
  }

  get current(): SupergraphState {
    if (!this.state) throw new Error("The supergraph is not loaded yet");
    return this.state;
  }

  plan(key: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const cached = this.plans.get(key);
    if (cached) return cached;
    const { apiFederationSchema, planner } = this.current;
    const operation = operationFromDocument(apiFederationSchema, document, { operationName });
    const queryPlan = planner.buildQueryPlan(operation);
    if (queryPlan.node?.kind !== "Subscription") throw new Error("Not a subscription operation");
    const plan: SubscriptionPlan = { queryPlan, primary: queryPlan.node.primary, rest: queryPlan.node.rest };
    if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, plan);
    return plan;
  }
}
