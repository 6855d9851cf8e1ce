// A subgraph's own query limits: defence in depth behind the gateway's. They sit a little above
// the gateway's (depth 10, aliases 15, cost 20,000, tokens 5,000) because the gateway's query-plan
// fetches add a level (`_entities`), key fields and `__typename` to what the client asked; the
// variables (`representations` of a page, a bulk edit's patches) are not part of the document and
// count against none of them.
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationRule } from "graphql";

export const SUBGRAPH_QUERY_LIMITS = { depth: 12, aliases: 30, directives: 50, cost: 30_000, tokens: 10_000 } as const;

export function subgraphArmor(options: { exposeLimits: boolean; blockFieldSuggestion: boolean }) {
  const { exposeLimits } = options;
  return new ApolloArmor({
    maxDepth: { n: SUBGRAPH_QUERY_LIMITS.depth, exposeLimits },
    maxAliases: { n: SUBGRAPH_QUERY_LIMITS.aliases, exposeLimits },
    maxDirectives: { n: SUBGRAPH_QUERY_LIMITS.directives, exposeLimits },
    costLimit: { maxCost: SUBGRAPH_QUERY_LIMITS.cost, exposeLimits },
    maxTokens: { n: SUBGRAPH_QUERY_LIMITS.tokens, exposeLimits },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestion },
  }).protect();
}

/**
 * `_service { sdl }` prints the subgraph's whole schema, internal fields included. Nothing needs
 * it at run time (the gateway loads the committed supergraph; composition reads the SDL files),
 * so outside development it is refused like a field that does not exist.
 */
export const hideServiceSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === "_service" && context.getParentType()?.name === "Query") {
      context.reportError(
        new GraphQLError('Cannot query field "_service" on type "Query".', { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
      );
    }
  },
});
