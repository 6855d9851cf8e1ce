// One query for every request, for speed: the membership and organization conditions are SQL
// the organizations module hands over (MembershipDirectory), so only it names its tables.
//
// Zero trust on every request: a valid signature is not enough. The token's session must not be
// revoked, the account must be active and not "logged out everywhere" after the token was
// issued, and the active organization must still be an active membership; a partner client
// must not be revoked and must be within its quota. One indexed query per request (partner
// clients: one more and a Redis counter). HTTP requests and subscriptions share this function.
import { Prisma } from "@ppt/db/client";
import { AppError, isUuid, type Caller, type PrismaClient, type ServiceDeps } from "@ppt/server-kit";
import type { AuthRuntime } from "./runtime.ts";

const refused = () => AppError.unauthenticated("This sign-in is no longer valid");

export async function checkSession(deps: ServiceDeps, auth: AuthRuntime, caller: Caller): Promise<void> {
  if (caller.audience !== "ppt") return;
  const [standing] = await standingCallers(deps.prisma, auth, [caller]);
  if (!standing) throw refused();
  if (caller.clientId) {
    const [client] = await deps.prisma.$queryRaw<
      { quota_per_minute: number }[]
    >`SELECT quota_per_minute FROM identity.api_clients WHERE id = ${caller.userId}::uuid`;
    await auth.limits.clientQuota(client!.quota_per_minute).consume(caller.userId);
  }
}

/**
 * Which of these callers' sign-ins still stand: the one rule of `checkSession` (partner quotas
 * aside: they count requests), in one query however many callers, so a live feed can re-check
 * every subscriber at each change: a member removed, a session ended or a password changed stops
 * receiving at the next event, not only when the token expires.
 */
export async function standingCallers(db: PrismaClient, auth: Pick<AuthRuntime, "memberships">, callers: readonly Caller[]): Promise<boolean[]> {
  const { activeMembershipSql, activeOrganizationSql } = auth.memberships;
  const valid = callers.map(
    (c) => c.audience === "ppt" && isUuid(c.userId) && (c.sessionId === null || isUuid(c.sessionId)) && (c.organizationId === null || isUuid(c.organizationId)),
  );
  const asked = callers.filter((_, i) => valid[i]);
  if (!asked.length) return callers.map(() => false);
  const rows = await db.$queryRaw<{ i: bigint }[]>`
    SELECT c.i FROM unnest(${asked.map((c) => c.userId)}::uuid[], ${asked.map((c) => c.sessionId)}::uuid[], ${asked.map((c) => c.organizationId)}::uuid[],
      ${asked.map((c) => c.issuedAt)}::bigint[], ${asked.map((c) => c.clientId !== null)}::boolean[]) WITH ORDINALITY AS c(user_id, session_id, organization_id, iat, is_client, i)
    WHERE CASE WHEN c.is_client THEN EXISTS (
        SELECT 1 FROM identity.api_clients k
        WHERE k.id = c.user_id AND k.revoked_at IS NULL AND k.organization_id = c.organization_id AND ${activeOrganizationSql(Prisma.sql`k.organization_id`)})
      ELSE EXISTS (
        SELECT 1 FROM identity.users u WHERE u.id = c.user_id AND u.status = 'ACTIVE'
          AND (u.tokens_valid_after IS NULL OR c.iat >= floor(extract(epoch FROM u.tokens_valid_after)))
          AND (u.password_changed_at IS NULL OR c.iat >= floor(extract(epoch FROM u.password_changed_at))))
        AND (c.session_id IS NULL OR EXISTS (
          SELECT 1 FROM identity.sessions s WHERE s.id = c.session_id AND s.user_id = c.user_id AND s.revoked_at IS NULL))
        AND (c.organization_id IS NULL OR ${activeMembershipSql(Prisma.sql`c.user_id`, Prisma.sql`c.organization_id`)})
      END`;
  const standing = new Set(rows.map((row) => asked[Number(row.i) - 1]));
  return callers.map((caller) => standing.has(caller));
}
