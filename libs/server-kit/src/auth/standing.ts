// Whether a sign-in still stands: the one rule every subgraph applies to every audience it
// accepts (management users, partner clients, portal users). The rule itself is the SQL function
// identity.standing_sign_ins (migration sign_in_standing), so it names the identity and portal
// tables in one place and both server roles may ask it without reading those tables.
import type { Caller } from "./caller.ts";
import { isUuid } from "../loaders.ts";
import type { PrismaClient } from "../db/clients.ts";

export interface Standing {
  /** A partner client's requests per minute; null for people. */
  quotaPerMinute: number | null;
}

const wellFormed = (c: Caller) => isUuid(c.userId) && (c.sessionId === null || isUuid(c.sessionId)) && (c.organizationId === null || isUuid(c.organizationId));

/** For each caller, its standing, or null when its sign-in has ended: one query however many callers. */
export async function standingSignIns(db: PrismaClient, callers: readonly Caller[]): Promise<(Standing | null)[]> {
  const asked = callers.filter(wellFormed);
  if (!asked.length) return callers.map(() => null);
  const rows = await db.$queryRaw<{ caller_position: bigint; quota_per_minute: number | null }[]>`
    SELECT caller_position, quota_per_minute FROM identity.standing_sign_ins(
      ${asked.map((c) => c.audience)}::text[], ${asked.map((c) => c.userId)}::uuid[], ${asked.map((c) => c.sessionId)}::uuid[],
      ${asked.map((c) => c.organizationId)}::uuid[], ${asked.map((c) => c.issuedAt)}::bigint[], ${asked.map((c) => c.clientId !== null)}::boolean[])`;
  const standing = new Map(rows.map((row) => [asked[Number(row.caller_position) - 1]!, { quotaPerMinute: row.quota_per_minute }]));
  return callers.map((caller) => standing.get(caller) ?? null);
}
