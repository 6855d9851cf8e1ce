// Power of attorney (plná moc): an owner lets another member of the organization act for them —
// for one unit they own or for all of them, in one scope (voting, faults, finance, or all), for
// a period. Other modules ask `activeDelegation` (the voting module: may this person vote for
// that owner?). identity.delegations has no row-level security: every query names the caller's
// organization.
import type { Delegation, DelegationScope, Prisma } from "@ppt/db/client";
import {
  AppError,
  isUuid,
  pageSize,
  parseInput,
  prismaCursor,
  requireCaller,
  requirePermission,
  requireUser,
  toConnection,
  type Connection,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { localDateOf, ownershipsOfUnit, residencyOf, unitById } from "../buildings/index.ts";
import { isActiveMember } from "./members.ts";

/** Does the person own the unit today (an ownership valid today, validTo inclusive)? */
async function ownsUnitToday(ctx: PropertyContext, userId: string, unitId: string): Promise<boolean> {
  const unit = await unitById(ctx, unitId);
  if (!unit) return false;
  const today = new Date().toISOString().slice(0, 10);
  const rows = await ownershipsOfUnit(ctx, unit);
  return rows.some((r) => r.userId === userId && localDateOf(r.validFrom)! <= today && (r.validTo === null || localDateOf(r.validTo)! >= today));
}

async function ownsAnyUnitToday(ctx: PropertyContext, userId: string): Promise<boolean> {
  const unitIds = [...(await residencyOf(ctx)).unitIds];
  const owned = await Promise.all(unitIds.map((id) => ownsUnitToday(ctx, userId, id)));
  return owned.some(Boolean);
}

const delegateSchema = z
  .object({
    toUserId: z.uuid(),
    unitId: z.uuid().nullish(),
    scope: z.enum(["VOTING", "FAULTS", "FINANCE", "ALL"]),
    validFrom: z.coerce.date().nullish(),
    validTo: z.coerce.date().nullish(),
    note: z.string().trim().max(1000).nullish(),
  })
  .refine((d) => !d.validTo || d.validTo > (d.validFrom ?? new Date()), { message: "must be after validFrom and in the future", path: ["validTo"] });

export async function delegateRights(ctx: PropertyContext, input: unknown): Promise<Delegation> {
  requirePermission(ctx.caller, "buildings:read");
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const data = parseInput(delegateSchema, input, "input");
  if (data.toUserId === caller.userId) throw AppError.badInput("You cannot delegate to yourself", { field: "input.toUserId" });
  if (!(await isActiveMember(ctx, data.toUserId))) throw AppError.notFound("Member");
  const owns = data.unitId ? await ownsUnitToday(ctx, caller.userId, data.unitId) : await ownsAnyUnitToday(ctx, caller.userId);
  // A unit of someone else looks the same as a unit that does not exist.
  if (!owns) throw data.unitId ? AppError.notFound("Unit") : AppError.forbidden("Only owners can delegate their rights");
  return ctx.db.write(async (tx) => {
    const delegation = await tx.delegation.create({
      data: {
        organizationId: caller.organizationId,
        fromUserId: caller.userId,
        toUserId: data.toUserId,
        unitId: data.unitId ?? null,
        scope: data.scope,
        validFrom: data.validFrom ?? new Date(),
        validTo: data.validTo ?? null,
        note: data.note ?? null,
      },
    });
    await recordChange(tx, ctx, {
      entityType: "delegation",
      entityId: delegation.id,
      eventType: "delegation.granted",
      payload: { toUserId: data.toUserId, unitId: delegation.unitId, scope: data.scope },
    });
    return delegation;
  });
}

/** The giver ends their delegation; staff who manage members may too (a withdrawn paper power of attorney). */
export async function revokeDelegation(ctx: PropertyContext, id: string): Promise<Delegation> {
  requireCaller(ctx.caller);
  const caller = ctx.caller;
  if (!caller.organizationId || !isUuid(id)) throw AppError.notFound("Delegation");
  const organizationId = caller.organizationId;
  return ctx.db.write(async (tx) => {
    const delegation = await tx.delegation.findFirst({ where: { id, organizationId } });
    const mayRevoke = delegation && (delegation.fromUserId === caller.userId || caller.permissions.has("users:manage"));
    if (!delegation || !mayRevoke) throw AppError.notFound("Delegation");
    if (delegation.revokedAt) return delegation;
    const revoked = await tx.delegation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordChange(tx, ctx, {
      entityType: "delegation",
      entityId: id,
      eventType: "delegation.revoked",
      payload: { fromUserId: delegation.fromUserId, toUserId: delegation.toUserId },
    });
    return revoked;
  });
}

export async function myDelegations(
  ctx: PropertyContext,
  direction: "GIVEN" | "RECEIVED" | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Connection<Delegation>> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const limit = pageSize(first);
  if (!caller.organizationId)
    return toConnection(
      [],
      limit,
      () => [],
      async () => 0,
    );
  const mine: Prisma.DelegationWhereInput[] = [
    ...(direction !== "RECEIVED" ? [{ fromUserId: caller.userId }] : []),
    ...(direction !== "GIVEN" ? [{ toUserId: caller.userId }] : []),
  ];
  const where: Prisma.DelegationWhereInput = { organizationId: caller.organizationId, OR: mine };
  const rows = await ctx.db.read((tx) =>
    tx.delegation.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, ...prismaCursor(after) }),
  );
  return toConnection(
    rows,
    limit,
    (d) => [d.id],
    () => ctx.db.read((tx) => tx.delegation.count({ where })),
  );
}

export function isDelegationActive(delegation: Delegation, at = new Date()): boolean {
  return !delegation.revokedAt && delegation.validFrom <= at && (delegation.validTo === null || delegation.validTo > at);
}

export interface DelegationQuery {
  /** The giver, when the caller asks about one owner in particular. */
  fromUserId?: string | null;
  toUserId: string;
  unitId: string;
  scope: DelegationScope;
  at?: Date;
}

/**
 * The delegation in force at `at` that lets `toUserId` act for an owner on `unitId` in `scope`
 * (a unit-specific delegation before one covering all the giver's units; scope ALL covers every
 * scope), or null. Within the caller's organization only. Whether the giver still owns the unit
 * is the asking module's question (the voting module checks ownership at the ballot's date).
 */
export async function activeDelegation(ctx: PropertyContext, query: DelegationQuery): Promise<Delegation | null> {
  const organizationId = ctx.caller?.organizationId;
  if (!organizationId || !isUuid(query.toUserId) || !isUuid(query.unitId) || (query.fromUserId && !isUuid(query.fromUserId))) return null;
  const at = query.at ?? new Date();
  return ctx.db.read((tx) =>
    tx.delegation.findFirst({
      where: {
        organizationId,
        toUserId: query.toUserId,
        ...(query.fromUserId ? { fromUserId: query.fromUserId } : {}),
        revokedAt: null,
        validFrom: { lte: at },
        AND: [{ OR: [{ validTo: null }, { validTo: { gt: at } }] }, { OR: [{ unitId: query.unitId }, { unitId: null }] }],
        scope: { in: [query.scope, "ALL"] },
      },
      orderBy: [{ unitId: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    }),
  );
}
