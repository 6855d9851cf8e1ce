// Limits for everyone who calls the gateway: anonymous callers per address, signed-in people per
// account, partners per API client against their plan's quota; queries and mutations charged by
// their estimated cost, subscriptions by connections and subscriptions started. See README
// "Rate limits" for the settings (RATE_LIMIT_*).
import { createRateLimits, type Logger, type TokenVerifier, type TrustedProxySet } from "@ppt/server-kit/edge";
import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../app.ts";
import { directCharge, rateLimitPlugin, type ChargedOperation } from "./http-plugin.ts";
import { loadRateLimitSettings, type RateLimitSettings } from "./settings.ts";
import { subscriptionAdmission, type SubscriptionAdmission } from "./subscriptions.ts";

export { loadRateLimitSettings, type RateLimitSettings } from "./settings.ts";
export { RATE_LIMITED_CLOSE_CODE, type SubscriptionAdmission } from "./subscriptions.ts";
export { addressBucket, payerOf, type PayerClaims } from "./payer.ts";

export interface GatewayRateLimits {
  /** Apollo plugin: charges HTTP requests, sets the RateLimit headers, closes the counters when the server stops. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** For the graphql-ws server (absent when limits are off). */
  admission?: SubscriptionAdmission;
  /** For the direct lane: charges a request, recording the charge on its context; the RateLimit headers, or null when refused (absent when limits are off). */
  charge?: (context: GatewayContext, asked: ChargedOperation) => Promise<Record<string, string> | null>;
}

export interface GatewayRateLimitOptions {
  settings?: RateLimitSettings | undefined;
  redisUrl?: string | null | undefined;
  redisKeyPrefix?: string | undefined;
  verifier: TokenVerifier;
  trustedProxies: TrustedProxySet;
  logger: Logger;
}

export function gatewayRateLimits(options: GatewayRateLimitOptions): GatewayRateLimits {
  const settings = options.settings ?? loadRateLimitSettings();
  if (!settings.enabled) return { plugin: {} };
  const rateLimits = createRateLimits({ redisUrl: options.redisUrl ?? null, prefix: options.redisKeyPrefix ?? "ppt:", logger: options.logger });
  const deps = { settings, rateLimits, verifier: options.verifier };
  return {
    plugin: rateLimitPlugin(deps),
    charge: directCharge(deps),
    admission: subscriptionAdmission(settings, rateLimits, options.trustedProxies),
  };
}
