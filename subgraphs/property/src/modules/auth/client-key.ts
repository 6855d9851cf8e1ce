import type { PropertyContext } from "../../context.ts";

/** Addresses are the rate-limit key of anonymous flows; without one, all such callers share a key. */
export function ipKey(ctx: PropertyContext): string {
  return ctx.clientIp ?? "unknown";
}
