// The query limits' plugin puts a limit's own code back on Apollo's validation and parse errors;
// every other error passes it untouched, whatever shape its executor gave it.
import { ApolloServer, type ApolloServerOptionsWithGateway, type BaseContext } from "@apollo/server";
import { describe, expect, it } from "vitest";
import { GATEWAY_QUERY_LIMITS, queryLimitProtection } from "./query-limits.ts";
import { graphqlRuntime } from "./realm.ts";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];

/** An executor that fails as Apollo Gateway's query-plan executor does: with a plain Error, which has no `extensions`. */
function failingGateway(): GatewayInterface {
  const schema = graphqlRuntime.buildSchema("type Query { answer: String }");
  let loaded: Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0] | undefined;
  return {
    load: async () => {
      loaded?.({ apiSchema: schema, coreSupergraphSdl: "type Query { answer: String }" });
      return { executor: async () => ({ data: { answer: null }, errors: [new Error("the executor failed")] as never }) };
    },
    onSchemaLoadOrUpdate: (callback) => {
      loaded = callback;
      return () => {};
    },
    stop: async () => {},
  };
}

describe("query limits", () => {
  it("leave an error without extensions to Apollo's formatting, not a failed request", async () => {
    const protection = queryLimitProtection(GATEWAY_QUERY_LIMITS, { exposeLimits: false, blockFieldSuggestion: true });
    const server = new ApolloServer({ gateway: failingGateway(), plugins: protection.plugins, validationRules: protection.validationRules });
    await server.start();
    try {
      const response = await server.executeOperation({ query: "{ answer }" });
      expect(response.http.status).toBeUndefined();
      expect(response.body.kind === "single" && response.body.singleResult.errors).toEqual([
        { message: "the executor failed", extensions: { code: "INTERNAL_SERVER_ERROR" } },
      ]);
    } finally {
      await server.stop();
    }
  });
});
