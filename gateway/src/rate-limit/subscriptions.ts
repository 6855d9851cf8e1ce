// Limits on graphql-ws: connections opened per window, per client address (counted before the
// token is checked, so a flood of bad tokens is limited too) and per caller; subscriptions started
// per window, per caller. Over a limit the socket is closed with 4429, graphql-ws's "too many"
// code, which its client treats as final instead of reconnecting at once; the reason says when
// to come back.
import type { IncomingMessage } from "node:http";
import { clientAddress, RateLimitReason, type RateLimits, type TrustedProxySet } from "@ppt/server-kit/edge";
import { charge, type Budget } from "./charges.ts";
import { addressBucket, payerOf, type PayerClaims } from "./payer.ts";
import type { RateLimitSettings } from "./settings.ts";

export const RATE_LIMITED_CLOSE_CODE = 4429;

/** A refusal: close the socket with RATE_LIMITED_CLOSE_CODE and this reason (under 123 bytes, as WebSocket asks). */
export interface SocketRefusal {
  code: number;
  reason: string;
}

export interface SubscriptionAdmission {
  /** Before the token is checked: may this address open another connection? */
  connectFrom(req: IncomingMessage): Promise<SocketRefusal | null>;
  /** Once the caller is known: may this caller open another connection? */
  connectAs(claims: PayerClaims): Promise<SocketRefusal | null>;
  /** May this caller start another subscription? */
  subscribe(claims: PayerClaims): Promise<SocketRefusal | null>;
}

export function subscriptionAdmission(settings: RateLimitSettings, rateLimits: RateLimits, trustedProxies: TrustedProxySet): SubscriptionAdmission {
  const budget = (name: string, points: number): Budget => ({ name, points, windowSeconds: settings.windowSeconds, reason: RateLimitReason.TooManyRequests });
  const connections = budget("gw-ws-connect", settings.wsConnections);
  const subscribes = budget("gw-ws-subscribe", settings.wsSubscribes);
  const admit = async (limit: Budget, key: string, what: string): Promise<SocketRefusal | null> => {
    const result = await charge(rateLimits, limit, key, 1);
    return result.allowed ? null : { code: RATE_LIMITED_CLOSE_CODE, reason: `too many ${what}; retry in ${Math.max(1, result.state.retryAfter)} s` };
  };
  const callerKey = (claims: PayerClaims) => payerOf(claims, null, settings).key;
  return {
    connectFrom: (req) => admit(connections, `ip:${addressBucket(clientAddress(req, trustedProxies))}`, "connections"),
    connectAs: (claims) => admit(connections, callerKey(claims), "connections"),
    subscribe: (claims) => admit(subscribes, callerKey(claims), "subscriptions"),
  };
}
