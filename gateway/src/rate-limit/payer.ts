// Who pays for a request: a partner API client (by its client id, against its plan's quota), a
// signed-in person (by user id), or else the client's address. IPv6 clients are counted by their
// /64: one subscriber line gets a whole /64 and can pick a fresh address for every request.
import ipaddr from "ipaddr.js";
import { RateLimitReason } from "@ppt/server-kit/edge";
import type { RateLimitSettings } from "./settings.ts";

export type PayerKind = "anonymous" | "user" | "partner";

export interface Payer {
  kind: PayerKind;
  /** The counter key (never PII beyond an address prefix, which the audit log keeps anyway). */
  key: string;
  /** Points per window. */
  points: number;
  /** What a refusal says: a partner used up its plan's quota, anyone else sent too much. */
  reason: RateLimitReason;
}

/** Buckets of addresses seen lately: parsing an address was a visible part of every request's CPU. */
const BUCKETS_LIMIT = 10_000;
const buckets = new Map<string, string>();

/** The address a limit counts: IPv4 as is, IPv6 by its /64 prefix, unknown as one shared bucket. */
export function addressBucket(address: string | null | undefined): string {
  if (!address) return "unknown";
  let bucket = buckets.get(address);
  if (bucket === undefined) {
    bucket = bucketOf(address);
    if (buckets.size >= BUCKETS_LIMIT) buckets.clear();
    buckets.set(address, bucket);
  }
  return bucket;
}

function bucketOf(address: string): string {
  if (!ipaddr.isValid(address)) return "unknown";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `${prefix.toNormalizedString()}/64`;
}

/** What a verified token says about who is calling (the claims' names). */
export interface PayerClaims {
  sub: string;
  client_id?: string | null | undefined;
  quota_per_minute?: number | undefined;
}

export function payerOf(claims: PayerClaims | null, address: string | null | undefined, settings: RateLimitSettings): Payer {
  if (claims?.client_id) {
    const perMinute = claims.quota_per_minute;
    const points =
      settings.partnerPlanQuota && typeof perMinute === "number" && perMinute > 0
        ? Math.max(1, Math.round((perMinute * settings.windowSeconds) / 60))
        : settings.partnerPoints;
    return { kind: "partner", key: `client:${claims.client_id}`, points, reason: RateLimitReason.QuotaExceeded };
  }
  if (claims) return { kind: "user", key: `user:${claims.sub}`, points: settings.userPoints, reason: RateLimitReason.TooManyRequests };
  return { kind: "anonymous", key: `ip:${addressBucket(address)}`, points: settings.anonymousPoints, reason: RateLimitReason.TooManyRequests };
}
