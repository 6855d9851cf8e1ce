// Contract test of the Apollo internals that subscriptions through the gateway rely on
// (@apollo/query-planner, @apollo/federation-internals, @apollo/gateway's executeQueryPlan).
// They are not public API: if an upgrade changes them, this fails before anything else does.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from "@apollo/gateway";
import { Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { describe, expect, it } from "vitest";
import { graphqlRuntime, repoRoot } from "@ppt/server-kit";
import { supergraphSdl } from "../src/app.ts";
import { executeSubscriptionEvent } from "../src/subscriptions/executor.ts";
import { SubscriptionPlanner } from "../src/subscriptions/planner.ts";

const PINNED = "2.14.4";
const INTERNALS = ["@apollo/gateway", "@apollo/query-planner", "@apollo/federation-internals"] as const;
const require = createRequire(import.meta.url);

const SUBSCRIPTION = `subscription($building: ID!) {
  faultUpdated(buildingId: $building) { event fault { title unit { id listings { title } } } }
}`;

function loadPlanner(): SubscriptionPlanner {
  const planner = new SubscriptionPlanner({ onSchemaLoadOrUpdate: () => () => undefined } as never);
  const supergraph = Supergraph.build(supergraphSdl());
  planner.load(supergraph.apiSchema().toGraphQLJSSchema(), supergraphSdl());
  return planner;
}

describe("Apollo internals used by gateway subscriptions", () => {
  it("are pinned to the exact versions checked, and those are installed", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "gateway", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of INTERNALS) {
      expect(manifest.dependencies[name], name).toBe(PINNED);
      const installed = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string };
      expect(installed.version, name).toBe(PINNED);
    }
    expect(typeof executeQueryPlan).toBe("function");
    expect(typeof buildOperationContext).toBe("function");
    expect(typeof QueryPlanner.prototype.buildQueryPlan).toBe("function");
  });

  it("plan a subscription as a SubscriptionNode: primary fetch on the owning subgraph, rest on the others", () => {
    const plan = loadPlanner().plan("contract", graphqlRuntime.parse(SUBSCRIPTION), undefined);
    expect(plan.queryPlan.node?.kind).toBe("Subscription");
    expect(plan.primary).toMatchObject({ kind: "Fetch", serviceName: "property", operationKind: "subscription" });
    expect(plan.primary.variableUsages).toEqual(["building"]);
    expect(JSON.stringify(plan.rest)).toContain('"serviceName":"reality"');
  });

  it("let the gateway's plan executor complete one event across subgraphs and shape it", async () => {
    const planner = loadPlanner();
    const document = graphqlRuntime.parse(SUBSCRIPTION);
    const plan = planner.plan("contract", document, undefined);
    const requests: { service: string; query: string; variables: unknown }[] = [];
    const reality: GraphQLDataSource = {
      process: async ({ request }) => {
        requests.push({ service: "reality", query: request.query!, variables: request.variables });
        const representations = (request.variables as { representations: { id: string }[] }).representations;
        return { data: { _entities: representations.map(() => ({ listings: [{ title: "Byt na predaj" }] })) } };
      },
    };
    const event = { data: { faultUpdated: { event: "fault.reported", fault: { title: "Kvapká voda", unit: { __typename: "Unit", id: "u1" } } } } };
    const result = await executeSubscriptionEvent(
      {
        plan,
        state: planner.current,
        document,
        operationName: undefined,
        query: SUBSCRIPTION,
        variables: { building: "b1" },
        context: { headers: {}, requestId: "r1" },
        services: { reality, property: { process: async () => ({ errors: [{ message: "property must not be asked" }] }) } },
      },
      event,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      faultUpdated: { event: "fault.reported", fault: { title: "Kvapká voda", unit: { id: "u1", listings: [{ title: "Byt na predaj" }] } } },
    });
    expect(requests).toHaveLength(1);
  });
});
