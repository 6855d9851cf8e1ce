// Charges every GraphQL request over HTTP to its payer, by the operation's estimated cost, before
// anything is sent to a subgraph; a request whose document never resolved to an operation (it
// did not parse or validate) still costs one point, so a flood of garbage is limited too. Every
// response carries the payer's RateLimit headers; a refusal is HTTP 429 with RATE_LIMITED.
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { bearerToken, CLIENT_ADDRESS_HEADER, graphqlRuntime, type RateLimits, type TokenVerifier, type VerifiedToken } from "@ppt/server-kit/edge";
import type { GatewayContext } from "../app.ts";
import { cachedOperationCost } from "../operation-cache.ts";
import { charge, requestBudget, type Charge } from "./charges.ts";
import { rateLimitHeaders, refusalExtensions } from "./headers.ts";
import { payerOf } from "./payer.ts";
import type { RateLimitSettings } from "./settings.ts";

export interface RateLimitDeps {
  settings: RateLimitSettings;
  rateLimits: RateLimits;
  verifier: TokenVerifier;
}

/**
 * The caller's claims. The context function has already verified this token and refused the
 * request otherwise; verifying again here (microseconds for Ed25519) keeps the limit from ever
 * trusting an unverified claim, whatever runs first.
 */
export async function claimsOf(authorization: string | undefined, verifier: TokenVerifier): Promise<VerifiedToken | null> {
  try {
    const token = bearerToken(authorization);
    return token ? await verifier.verify(token) : null;
  } catch {
    return null;
  }
}

function pointsOf(context: GraphQLRequestContext<GatewayContext>, costPerPoint: number): number {
  const { schema, document, operation, request } = context;
  if (!document || !operation) return 1;
  return Math.max(1, Math.ceil(cachedOperationCost(schema, document, operation, request.variables ?? {}) / costPerPoint));
}

export function rateLimitPlugin(deps: RateLimitDeps): ApolloServerPlugin<GatewayContext> {
  const { settings, rateLimits, verifier } = deps;
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await rateLimits.close();
        },
      };
    },
    async requestDidStart({ contextValue }) {
      const claims = await claimsOf(contextValue.headers.authorization, verifier);
      const payer = payerOf(claims, contextValue.headers[CLIENT_ADDRESS_HEADER], settings);
      const budget = requestBudget(payer, settings.windowSeconds);
      let charged: Charge | undefined;
      // Apollo recognises errors of graphql's CommonJS build only (see realm.ts).
      const refusal = (c: Charge) =>
        new graphqlRuntime.GraphQLError(c.message ?? "Too many requests", { extensions: { ...refusalExtensions(c), http: { status: 429 } } });
      return {
        async didResolveOperation(context) {
          charged = await charge(rateLimits, budget, payer.key, pointsOf(context, settings.costPerPoint));
          if (!charged.allowed) throw refusal(charged);
        },
        async willSendResponse({ response }) {
          charged ??= await charge(rateLimits, budget, payer.key, 1);
          for (const [name, value] of Object.entries(rateLimitHeaders(charged, settings.windowSeconds))) response.http.headers.set(name, value);
          if (charged.allowed || response.http.status === 429) return;
          // Refused on a request that failed before its operation was known: the refusal replaces its errors.
          response.http.status = 429;
          if (response.body.kind === "single")
            response.body.singleResult = { errors: [{ message: charged.message ?? "Too many requests", extensions: refusalExtensions(charged) }] };
        },
      };
    },
  };
}
