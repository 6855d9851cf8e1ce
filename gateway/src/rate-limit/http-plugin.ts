// Charges every GraphQL request over HTTP to its payer, by the operation's estimated cost, before
// anything is sent to a subgraph; a request whose document never resolved to an operation (it
// did not parse or validate) still costs one point, so a flood of garbage is limited too. Every
// response carries the payer's RateLimit headers; a refusal is HTTP 429 with RATE_LIMITED.
import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
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

/** What a request asks, as far as it resolved (nothing: it did not parse or validate). */
export interface ChargedOperation {
  schema: GraphQLSchema;
  document?: DocumentNode | undefined;
  operation?: OperationDefinitionNode | undefined;
  variables?: Record<string, unknown> | undefined;
}

function pointsOf(costPerPoint: number, asked: ChargedOperation | undefined): number {
  if (!asked?.document || !asked.operation) return 1;
  return Math.max(1, Math.ceil(cachedOperationCost(asked.schema, asked.document, asked.operation, asked.variables ?? {}) / costPerPoint));
}

/** Charges one request to its payer (Apollo's path and the direct lane's alike). */
export type RequestCharger = (context: GatewayContext, asked?: ChargedOperation) => Promise<Charge>;

export function requestCharger(deps: RateLimitDeps): RequestCharger {
  const { settings, rateLimits, verifier } = deps;
  return async (context, asked) => {
    const claims = await claimsOf(context.headers.authorization, verifier);
    const payer = payerOf(claims, context.headers[CLIENT_ADDRESS_HEADER], settings);
    return charge(rateLimits, requestBudget(payer, settings.windowSeconds), payer.key, pointsOf(settings.costPerPoint, asked));
  };
}

/**
 * The direct lane's charge: recorded on the context, so a request the lane then leaves to Apollo
 * is not charged twice (the plugin refuses it, or answers it, with this charge); the RateLimit
 * headers when allowed, null when refused.
 */
export function directCharge(deps: RateLimitDeps): (context: GatewayContext, asked: ChargedOperation) => Promise<Record<string, string> | null> {
  const chargeRequest = requestCharger(deps);
  return async (context, asked) => {
    const charged = await chargeRequest(context, asked);
    context.charged = charged;
    return charged.allowed ? rateLimitHeaders(charged, deps.settings.windowSeconds) : null;
  };
}

export function rateLimitPlugin(deps: RateLimitDeps): ApolloServerPlugin<GatewayContext> {
  const { settings, rateLimits } = deps;
  const chargeRequest = requestCharger(deps);
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await rateLimits.close();
        },
      };
    },
    async requestDidStart({ contextValue }) {
      // The direct lane may have charged this request already and left it to Apollo.
      let charged: Charge | undefined = contextValue.charged;
      // Apollo recognises errors of graphql's CommonJS build only (see realm.ts).
      const refusal = (c: Charge) =>
        new graphqlRuntime.GraphQLError(c.message ?? "Too many requests", { extensions: { ...refusalExtensions(c), http: { status: 429 } } });
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          charged ??= await chargeRequest(contextValue, { schema, document, operation, variables: request.variables });
          if (!charged.allowed) throw refusal(charged);
        },
        async willSendResponse({ response }) {
          charged ??= await chargeRequest(contextValue);
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
