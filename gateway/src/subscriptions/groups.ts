// Identical subscriptions share their work. Subscribers of the same document, operation name,
// variables and permission scope form a group; an event the subgraph resolved ONCE for many of
// them (it marks such a result with `extensions.sharedResult`) is completed across subgraphs and
// serialized once per group, and the same bytes are written to every member's socket. Each member
// keeps its own upstream operation: the subgraph admits every subscriber and re-checks every
// subscriber's sign-in before each event (one query for all), so authorization stays per person.
import type { ServiceMap } from "@apollo/gateway";
import type { DocumentNode, ExecutionResult, GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "../app.ts";
import { formatGatewayError } from "../subgraph-errors.ts";
import { executeSubscriptionEvent, operationContextOf, type EventExecution } from "./executor.ts";
import type { SubscriptionPlan, SupergraphState } from "./planner.ts";

/** How many of a group's latest shared results are kept (members' events arrive within moments of each other). */
const RECENT_RESULTS = 8;

/** Counts for tests and benchmarks: events completed by the plan executor, and by how many members they were shared. */
export const subscriptionGroupStats = { executions: 0, deliveries: 0 };

export function groupKey(scope: string, operationName: string | undefined, query: string, variables: Record<string, unknown>): string {
  return `${scope}\n${operationName ?? ""}\n${JSON.stringify(variables)}\n${query}`;
}

type Formatted = ExecutionResult & { errors?: readonly { toJSON?: () => GraphQLFormattedError }[] };

/** The result as clients get it: errors in the gateway's format; serialized once. */
function serialize(result: Formatted): string {
  if (!result.errors?.length) return JSON.stringify(result);
  return JSON.stringify({
    ...result,
    errors: result.errors.map((error) => formatGatewayError(typeof error.toJSON === "function" ? error.toJSON() : (error as GraphQLFormattedError))),
  });
}

export interface GroupExecution {
  plan: SubscriptionPlan;
  state: SupergraphState;
  document: DocumentNode;
  operationName: string | undefined;
  query: string;
  variables: Record<string, unknown>;
  services: ServiceMap;
}

export class SubscriptionGroup {
  members = 0;
  private readonly recent = new Map<string, Promise<string>>();
  private readonly execution: Omit<EventExecution, "context">;

  constructor(
    readonly key: string,
    base: GroupExecution,
  ) {
    // Built once per group (not per subscriber): the operation's context for the plan executor.
    this.execution = { ...base, operationContext: operationContextOf(base.state, base.document, base.operationName) };
  }

  /**
   * The payload (serialized) of one upstream event for a member. A result the subgraph shared is
   * completed once for the group, with the headers of the first member it reached.
   */
  payload(event: ExecutionResult, context: GatewayContext, errorsOf: (event: ExecutionResult) => Formatted): Promise<string> {
    subscriptionGroupStats.deliveries++;
    const shared = event.extensions?.["sharedResult"];
    if (typeof shared !== "string" || !event.data) return this.render(event, context, errorsOf);
    let payload = this.recent.get(shared);
    if (!payload) {
      payload = this.render(event, context, errorsOf);
      this.recent.set(shared, payload);
      if (this.recent.size > RECENT_RESULTS) this.recent.delete(this.recent.keys().next().value!);
      // A failed completion is not kept: the next member tries again.
      payload.catch(() => this.recent.get(shared) === payload && this.recent.delete(shared));
    }
    return payload;
  }

  private async render(event: ExecutionResult, context: GatewayContext, errorsOf: (event: ExecutionResult) => Formatted): Promise<string> {
    if (!event.data) return serialize(errorsOf(event));
    subscriptionGroupStats.executions++;
    return serialize(await executeSubscriptionEvent({ ...this.execution, context }, event));
  }
}

/** The groups of one gateway process: made on the first member, dropped with the last. */
export class SubscriptionGroups {
  private readonly groups = new Map<string, SubscriptionGroup>();

  join(key: string, make: () => GroupExecution): { group: SubscriptionGroup; leave: () => void } {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new SubscriptionGroup(key, make())));
    group.members++;
    let left = false;
    const joined = group;
    return {
      group,
      leave: () => {
        if (left) return;
        left = true;
        if (--joined.members === 0 && this.groups.get(key) === joined) this.groups.delete(key);
      },
    };
  }

  /** Groups being served (≪ subscribers when many watch the same thing). */
  size(): number {
    return this.groups.size;
  }
}
