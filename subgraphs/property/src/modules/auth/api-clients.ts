// Partner machine credentials (client-credentials grant). An organization administrator creates
// a client with a subset of their own permissions and a per-minute quota; the secret is shown
// once and stored as a digest. A client's access token acts in its organization with exactly
// its permissions; revoking the client refuses its tokens at once (session check).
import type { ApiClient } from "@ppt/db/client";
import {
  announceSignInsEnded,
  ACCESS_TOKEN_TTL_SECONDS,
  AppError,
  digest,
  isUuid,
  limitedAttempt,
  matchesDigest,
  pageSize,
  parseInput,
  permissions,
  prismaCursor,
  randomToken,
  requirePermission,
  requireUser,
  toConnection,
  type Connection,
} from "@ppt/server-kit";
import { z } from "zod";
import type { PropertyContext } from "../../context.ts";
import { recordAccountEvent } from "./account-events.ts";
import { ipKey } from "./client-key.ts";

const createSchema = z.object({
  name: z.string().trim().min(1).max(255),
  permissions: z.array(z.enum(permissions)).min(1).max(permissions.length),
  quotaPerMinute: z.number().int().min(1).max(10_000).nullish(),
});

export async function createApiClient(ctx: PropertyContext, input: unknown): Promise<{ apiClient: ApiClient; clientSecret: string }> {
  requirePermission(ctx.caller, "api-clients:manage");
  // A partner client minting clients would hand out credentials that outlive its own revocation.
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const data = parseInput(createSchema, input);
  const granted = [...new Set(data.permissions)].sort();
  const beyond = granted.filter((p) => !caller.permissions.has(p));
  if (beyond.length) throw AppError.forbidden(`You cannot grant ${beyond.join(", ")}`);
  const clientSecret = randomToken();
  return ctx.db.write(async (tx) => {
    const apiClient = await tx.apiClient.create({
      data: {
        organizationId: caller.organizationId,
        name: data.name,
        clientId: `ppt_${randomToken(12)}`,
        secretHash: digest(clientSecret),
        permissions: granted,
        quotaPerMinute: data.quotaPerMinute ?? 600,
        createdById: caller.clientId ? null : caller.userId,
      },
    });
    await recordAccountEvent(tx, ctx, "caller", {
      action: "api_client.created",
      entityType: "api_client",
      entityId: apiClient.id,
      diff: { permissions: granted, quotaPerMinute: apiClient.quotaPerMinute },
    });
    return { apiClient, clientSecret };
  });
}

export async function listApiClients(
  ctx: PropertyContext,
  first?: number | null,
  after?: string | null,
  includeRevoked?: boolean | null,
): Promise<Connection<ApiClient>> {
  requirePermission(ctx.caller, "api-clients:manage");
  const limit = pageSize(first);
  const where = { organizationId: ctx.caller.organizationId, ...(includeRevoked ? {} : { revokedAt: null }) };
  const rows = await ctx.db.read((tx) =>
    tx.apiClient.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit + 1, ...prismaCursor(after) }),
  );
  return toConnection(
    rows,
    limit,
    (c) => [c.id],
    () => ctx.db.read((tx) => tx.apiClient.count({ where })),
  );
}

export async function revokeApiClient(ctx: PropertyContext, id: string): Promise<ApiClient> {
  requirePermission(ctx.caller, "api-clients:manage");
  const organizationId = ctx.caller.organizationId;
  if (!isUuid(id)) throw AppError.notFound("API client");
  const { revoked, ended } = await ctx.db.write(async (tx) => {
    const client = await tx.apiClient.findFirst({ where: { id, organizationId } });
    if (!client) throw AppError.notFound("API client");
    if (client.revokedAt) return { revoked: client, ended: [] };
    const revoked = await tx.apiClient.update({ where: { id }, data: { revokedAt: new Date() } });
    // Clients a partner client created (before partners were refused that) fall with it, and theirs with them.
    const descendants = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE created AS (
        SELECT id FROM identity.api_clients WHERE created_by_client_id = ${id}::uuid
        UNION SELECT k.id FROM identity.api_clients k JOIN created c ON k.created_by_client_id = c.id)
      UPDATE identity.api_clients SET revoked_at = now(), updated_at = now() WHERE id IN (SELECT id FROM created) AND revoked_at IS NULL
      RETURNING id::text`;
    await recordAccountEvent(tx, ctx, "caller", { action: "api_client.revoked", entityType: "api_client", entityId: id });
    return { revoked, ended: [id, ...descendants.map((row) => row.id)] };
  });
  // A partner client's tokens carry its id as the subject.
  await announceSignInsEnded(
    ctx.events.pubsub,
    ended.map((userId) => ({ userId })),
  );
  return revoked;
}

const wrongClient = () => AppError.unauthenticated("Wrong client id or secret");

/** Client-credentials grant: wrong secrets count against the client id and the address like wrong passwords. */
export async function issueClientToken(
  ctx: PropertyContext,
  clientId: string,
  clientSecret: string,
): Promise<{ accessToken: string; tokenType: string; expiresAt: Date }> {
  const { loginAccount, failuresByIp } = ctx.auth.limits;
  const client = await limitedAttempt(
    [
      [loginAccount, `client:${clientId.slice(0, 64)}`],
      [failuresByIp, ipKey(ctx)],
    ],
    async () => {
      const found = await ctx.db.read(async (tx) => {
        const row = await tx.apiClient.findUnique({ where: { clientId: clientId.slice(0, 64) } });
        return row && (await ctx.services.memberships.isOrganizationActive(tx, row.organizationId)) ? row : null;
      });
      return found && !found.revokedAt && matchesDigest(clientSecret, found.secretHash) ? found : null;
    },
    wrongClient,
  );
  const accessToken = await ctx.auth.signer().sign({
    sub: client.id,
    aud: "ppt",
    org: client.organizationId,
    roles: [],
    permissions: client.permissions,
    client_id: client.clientId,
    quota_per_minute: client.quotaPerMinute,
  });
  await ctx.db.write(async (tx) => {
    await tx.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date() } });
    await recordAccountEvent(
      tx,
      ctx,
      { userId: client.id, organizationId: client.organizationId, clientId: client.clientId },
      { action: "api_client.token_issued", entityType: "api_client", entityId: client.id },
    );
  });
  return { accessToken, tokenType: "Bearer", expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000) };
}
