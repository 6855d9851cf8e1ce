// Query limits of the gateway and of each subgraph (defence in depth behind the gateway's). A
// document over a limit is the client's doing: it is refused before execution with a stable code
// and the status of any other invalid document (400 under application/graphql-response+json, 200
// under application/json), never a syntax error nor a 500.
//   QUERY_TOO_COMPLEX  extensions.limit: "cost" | "depth" | "aliases" | "directives"
//   QUERY_TOO_LARGE    extensions.limit: "tokens" (a body over the byte limit is refused earlier: 413 PAYLOAD_TOO_LARGE)
// graphql-armor computes cost, depth, aliases and directives; the token count is graphql-js's own
// `maxTokens` parse option (armor's token plugin re-parses in a hook that Apollo can only answer
// with a 500).
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { graphqlRuntime } from "./realm.ts";

export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
  tokens: number;
}

/** The gateway's: what a client may send. */
export const GATEWAY_QUERY_LIMITS: QueryLimits = { depth: 10, aliases: 15, directives: 50, cost: 20_000, tokens: 5_000 };

/**
 * A subgraph's sit a little above the gateway's because the gateway's query-plan fetches add a
 * level (`_entities`), key fields and `__typename` to what the client asked; the variables
 * (`representations` of a page, a bulk edit's patches) are not part of the document and count
 * against none of them.
 */
export const SUBGRAPH_QUERY_LIMITS: QueryLimits = { depth: 12, aliases: 30, directives: 50, cost: 30_000, tokens: 10_000 };

export const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
export const QUERY_TOO_LARGE = "QUERY_TOO_LARGE";

type ComplexityLimit = "cost" | "depth" | "aliases" | "directives";

const WORDING: Record<ComplexityLimit, string> = {
  cost: "its estimated cost is over the limit",
  depth: "it nests fields too deeply",
  aliases: "it uses too many aliases",
  directives: "it uses too many directives",
};

/** graphql-armor's own message ("Syntax Error: Query Cost limit of … exceeded, found …") names the numbers; only shown when limits are exposed. */
function reject(limit: ComplexityLimit, exposeLimits: boolean) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const detail = exposeLimits ? ` (${error.message.replace(/^Syntax Error:\s*/, "")})` : "";
    context?.reportError(new GraphQLError(`Query too complex: ${WORDING[limit]}${detail}`, { extensions: { code: QUERY_TOO_COMPLEX, limit } }));
  };
}

export interface QueryLimitProtection {
  validationRules: ValidationRule[];
  /** Give to ApolloServer's `parseOptions` (the token limit). */
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<BaseContext>[];
}

export function queryLimitProtection(limits: QueryLimits, options: { exposeLimits: boolean; blockFieldSuggestion: boolean }): QueryLimitProtection {
  const { exposeLimits } = options;
  const common = (limit: ComplexityLimit) => ({ exposeLimits, propagateOnRejection: false, onReject: [reject(limit, exposeLimits)] });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.depth, ...common("depth") },
    maxAliases: { n: limits.aliases, ...common("aliases") },
    maxDirectives: { n: limits.directives, ...common("directives") },
    costLimit: { maxCost: limits.cost, ...common("cost") },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestion },
  }).protect();
  return {
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.tokens },
    // Armor's plugins are typed against @apollo/server's CommonJS build; they are the same objects.
    plugins: [...(armor.plugins as never[]), queryLimitCodesPlugin(limits, exposeLimits)],
  };
}

/** graphql-js's message when `maxTokens` stops the parser. */
// (graphql 16 spells it "more that"; a later release may fix the typo.)
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;

/**
 * Apollo gives every validation error the code GRAPHQL_VALIDATION_FAILED and every parse error
 * GRAPHQL_PARSE_FAILED; a limit's own code is put back before the errors are formatted.
 */
function queryLimitCodesPlugin(limits: QueryLimits, exposeLimits: boolean): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Apollo Gateway's executor reports some failures as plain Errors, without extensions: none is a limit's.
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (!extensions) continue;
            const original = error.originalError as GraphQLError | undefined;
            const originalCode = original?.extensions?.code;
            if (originalCode === QUERY_TOO_COMPLEX) {
              extensions.code = QUERY_TOO_COMPLEX;
              extensions.limit = original!.extensions.limit;
            } else if (extensions.code === "GRAPHQL_PARSE_FAILED" && TOKEN_LIMIT_MESSAGE.test(error.message)) {
              extensions.code = QUERY_TOO_LARGE;
              extensions.limit = "tokens";
              error.message = `Query too large: the document has too many tokens${exposeLimits ? ` (more than ${limits.tokens})` : ""}`;
            }
          }
        },
      };
    },
  };
}

/** Whether a formatted error is a query limit's refusal (its `limit` extension is kept). */
export function isQueryLimitCode(code: unknown): boolean {
  return code === QUERY_TOO_COMPLEX || code === QUERY_TOO_LARGE;
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

// The estimated cost of one operation, computed by the same graphql-armor rule (and weights) that
// enforces `QueryLimits.cost`, so a rate limit charges what the limit measured. The rule reports
// the cost of each operation it accepts through `onAccept`; validation is synchronous, so the
// value lands in `measured` before `validate` returns.
let measured = 0;
const costRules = new ApolloArmor({
  costLimit: { maxCost: Number.MAX_SAFE_INTEGER, onAccept: [(_context, details: { n: number }) => void (measured = details.n)] },
  maxDepth: { enabled: false },
  maxAliases: { enabled: false },
  maxDirectives: { enabled: false },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
}).protect().validationRules;

/**
 * Armor's cost of `operation` in `document` (with its fragments); schema and document from
 * graphql's CommonJS build (graphqlRuntime). Armor multiplies a list by its `first`/`last` only
 * when written in the document; a page size passed as a variable (as every app sends it) is put in
 * its place first, so `first: $n` costs what `first: 100` costs.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const only: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation) };
  measured = 0;
  graphqlRuntime.validate(schema, withPageSizes(only, variables), costRules);
  return measured;
}

function withPageSizes(document: DocumentNode, variables: Record<string, unknown>): DocumentNode {
  return graphqlRuntime.visit(document, {
    Argument(node) {
      if ((node.name.value !== "first" && node.name.value !== "last") || node.value.kind !== Kind.VARIABLE) return undefined;
      const value = variables[node.value.name.value];
      return Number.isSafeInteger(value) ? { ...node, value: { kind: Kind.INT, value: String(value) } } : undefined;
    },
  });
}
