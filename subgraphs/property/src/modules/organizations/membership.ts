// Memberships of the caller's organization: who belongs and with which roles, invitations and
// their acceptance, removal. identity.* has no row-level security (a person spans
// organizations), so every query here names the organization explicitly: always the caller's
// active one, never one from the arguments.
import type { MembershipStatus, Organization } from "@ppt/db/client";
import {
  announceSignInsEnded,
  AppError,
  digest,
  hashPassword,
  isUuid,
  normalizeEmail,
  pageSize,
  parseInput,
  passwordSchema,
  prismaCursor,
  randomToken,
  requirePermission,
  toConnection,
  type Caller,
  type Connection,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { createVerifiedUser, emailOfUser, recordAccountEvent, revokeSessionsIn } from "../auth/index.ts";
import { assertMayGrant, assertRoleKey, globalRoleId } from "./roles.ts";

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface MembershipView {
  id: string;
  organizationId: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  status: MembershipStatus;
  joinedAt: Date;
}

const MEMBERSHIP_SELECT = {
  id: true,
  organizationId: true,
  userId: true,
  status: true,
  joinedAt: true,
  user: { select: { email: true, firstName: true, lastName: true } },
} as const;

function membershipView(row: {
  id: string;
  organizationId: string;
  userId: string;
  status: MembershipStatus;
  joinedAt: Date;
  user: { email: string; firstName: string; lastName: string };
}): MembershipView {
  return { id: row.id, organizationId: row.organizationId, userId: row.userId, status: row.status, joinedAt: row.joinedAt, ...row.user };
}

// ---------------------------------------------------------------------------------------------
// What the auth module asks when it issues tokens

/** The role keys of an ACTIVE membership of an ACTIVE organization, else null (no tokens for it). */
export async function membershipRoles(tx: Tx, userId: string, organizationId: string): Promise<string[] | null> {
  const membership = await tx.organizationMember.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { status: true, organization: { select: { status: true } }, roles: { select: { role: { select: { key: true } } } } },
  });
  if (!membership || membership.status !== "ACTIVE" || membership.organization.status !== "ACTIVE") return null;
  return membership.roles.map((r) => r.role.key).sort();
}

/** A person's active memberships, earliest first (a person belongs to a handful: capped at 100). */
export async function activeMembershipsOf(tx: Tx, userId: string): Promise<{ organizationId: string; roles: string[] }[]> {
  const rows = await tx.organizationMember.findMany({
    where: { userId, status: "ACTIVE", organization: { status: "ACTIVE" } },
    orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    take: 100,
    select: { organizationId: true, roles: { select: { role: { select: { key: true } } } } },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, roles: r.roles.map((x) => x.role.key).sort() }));
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function listMembers(ctx: PropertyContext, first?: number | null, after?: string | null): Promise<Connection<MembershipView>> {
  requirePermission(ctx.caller, "users:read");
  const limit = pageSize(first);
  const where = { organizationId: ctx.caller.organizationId, status: { not: "LEFT" as const } };
  const rows = await ctx.db.read((tx) =>
    tx.organizationMember.findMany({
      where,
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      ...prismaCursor(after),
      select: MEMBERSHIP_SELECT,
    }),
  );
  return toConnection(
    rows.map(membershipView),
    limit,
    (m) => [m.id],
    () => ctx.db.read((tx) => tx.organizationMember.count({ where })),
  );
}

export async function rolesOfMember(ctx: PropertyContext, member: MembershipView): Promise<string[]> {
  return (await ctx.loaders.memberRoleGrants.load(member.userId)).map((grant) => grant.role.key);
}

async function requireMembership(tx: Tx, organizationId: string, userId: string, statuses: MembershipStatus[] = ["ACTIVE"]): Promise<MembershipView> {
  const row = await tx.organizationMember.findFirst({ where: { organizationId, userId, status: { in: statuses } }, select: MEMBERSHIP_SELECT });
  if (!row) throw AppError.notFound("Member");
  return membershipView(row);
}

async function roleKeysIn(tx: Tx, organizationId: string, userId: string): Promise<string[]> {
  const rows = await tx.userRole.findMany({ where: { organizationId, userId }, select: { role: { select: { key: true } } } });
  return rows.map((r) => r.role.key);
}

/** An organization never loses its last administrator (someone must be able to manage it). */
async function assertNotLastAdmin(tx: Tx, organizationId: string, userId: string): Promise<void> {
  const admins = await tx.userRole.findMany({
    where: { organizationId, role: { key: "org_admin", organizationId: null }, membership: { status: "ACTIVE" } },
    select: { userId: true },
  });
  if (admins.length === 1 && admins[0]!.userId === userId) throw AppError.conflict("The organization's last administrator cannot lose that role");
}

// ---------------------------------------------------------------------------------------------
// Roles

async function changeRole(ctx: PropertyContext, userId: string, role: string, grant: boolean): Promise<MembershipView> {
  requirePermission(ctx.caller, "roles:manage");
  assertRoleKey(role);
  assertMayGrant(ctx.caller, [role]);
  const caller = ctx.caller;
  return ctx.db.write(async (tx) => {
    const member = await requireMembership(tx, caller.organizationId, userId);
    const roleId = await globalRoleId(tx, role);
    if (grant) {
      await tx.userRole.createMany({ data: [{ organizationId: caller.organizationId, userId, roleId, grantedById: caller.userId }], skipDuplicates: true });
    } else {
      if (role === "org_admin") await assertNotLastAdmin(tx, caller.organizationId, userId);
      await tx.userRole.deleteMany({ where: { organizationId: caller.organizationId, userId, roleId } });
    }
    await recordChange(tx, ctx, {
      entityType: "organization_member",
      entityId: member.id,
      eventType: grant ? "organization.role_assigned" : "organization.role_revoked",
      payload: { userId, role },
    });
    return member;
  });
}

export const assignRole = (ctx: PropertyContext, userId: string, role: string) => changeRole(ctx, userId, role, true);
export const revokeRole = (ctx: PropertyContext, userId: string, role: string) => changeRole(ctx, userId, role, false);

// ---------------------------------------------------------------------------------------------
// Removal

/** The person leaves the organization: roles gone, sessions acting in it ended, tokens refused at once. */
export async function removeMember(ctx: PropertyContext, userId: string): Promise<boolean> {
  requirePermission(ctx.caller, "users:manage");
  const caller = ctx.caller;
  await ctx.db.write(async (tx) => {
    const member = await requireMembership(tx, caller.organizationId, userId, ["ACTIVE", "INVITED", "SUSPENDED"]);
    const roles = await roleKeysIn(tx, caller.organizationId, userId);
    assertMayGrant(caller, roles);
    if (roles.includes("org_admin")) await assertNotLastAdmin(tx, caller.organizationId, userId);
    const now = new Date();
    await tx.organizationMember.update({ where: { id: member.id }, data: { status: "LEFT", leftAt: now } });
    await tx.userRole.deleteMany({ where: { organizationId: caller.organizationId, userId } });
    await revokeSessionsIn(tx, userId, caller.organizationId, "membership_removed", now);
    await recordChange(tx, ctx, { entityType: "organization_member", entityId: member.id, eventType: "organization.member_removed", payload: { userId } });
  });
  await announceSignInsEnded(ctx.events.pubsub, [{ userId, organizationId: caller.organizationId }]);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Invitations

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  createdAt: Date;
  invitedById: string | null;
}

const INVITATION_SELECT = { id: true, email: true, roleKey: true, expiresAt: true, createdAt: true, invitedById: true, acceptedAt: true } as const;

function invitationView(row: { id: string; email: string; roleKey: string; expiresAt: Date; createdAt: Date; invitedById: string | null }): InvitationView {
  return { id: row.id, email: row.email, role: row.roleKey, expiresAt: row.expiresAt, createdAt: row.createdAt, invitedById: row.invitedById };
}

/** Pending: a link that would still work (not accepted, not revoked, not expired). */
export async function listInvitations(ctx: PropertyContext, first?: number | null, after?: string | null): Promise<Connection<InvitationView>> {
  requirePermission(ctx.caller, "users:manage");
  const limit = pageSize(first);
  const where = { organizationId: ctx.caller.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } };
  const rows = await ctx.db.read((tx) =>
    tx.invitation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      ...prismaCursor(after),
      select: INVITATION_SELECT,
    }),
  );
  return toConnection(
    rows.map(invitationView),
    limit,
    (i) => [i.id],
    () => ctx.db.read((tx) => tx.invitation.count({ where })),
  );
}

/** The link stops working at once; revoking again answers the same invitation and records nothing. */
export async function revokeInvitation(ctx: PropertyContext, id: string): Promise<InvitationView> {
  requirePermission(ctx.caller, "users:manage");
  const caller = ctx.caller;
  if (!isUuid(id)) throw AppError.notFound("Invitation");
  return ctx.db.write(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, organizationId: caller.organizationId }, select: INVITATION_SELECT });
    if (!invitation) throw AppError.notFound("Invitation");
    if (invitation.acceptedAt) throw AppError.conflict("This invitation was already accepted");
    // Only the first revocation flips revokedAt (and is recorded), even under a race.
    const revoked = await tx.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 1) {
      await recordAccountEvent(tx, ctx, "caller", {
        action: "organization.invitation_revoked",
        entityType: "invitation",
        entityId: id,
        diff: { role: invitation.roleKey },
      });
    }
    return invitationView(invitation);
  });
}

export async function inviteMember(ctx: PropertyContext, emailInput: string, role: string): Promise<InvitationView> {
  requirePermission(ctx.caller, "users:manage");
  assertRoleKey(role);
  assertMayGrant(ctx.caller, [role]);
  const caller = ctx.caller;
  const email = normalizeEmail(emailInput);
  return ctx.db.write(async (tx) => {
    const existing = await tx.organizationMember.findFirst({
      where: { organizationId: caller.organizationId, status: "ACTIVE", user: { email } },
      select: { id: true },
    });
    if (existing) throw AppError.conflict("This person is already a member");
    const now = new Date();
    // A new invitation replaces any pending one for the same address.
    await tx.invitation.updateMany({ where: { organizationId: caller.organizationId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const token = randomToken();
    const invitation = await tx.invitation.create({
      data: {
        organizationId: caller.organizationId,
        email,
        roleKey: role,
        tokenHash: digest(token),
        invitedById: caller.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    await recordAccountEvent(tx, ctx, "caller", {
      action: "organization.member_invited",
      entityType: "invitation",
      entityId: invitation.id,
      diff: { role },
      notify: { eventType: "organization.member_invited", payload: { invitationId: invitation.id, organizationId: caller.organizationId, email, role, token } },
    });
    return invitationView(invitation);
  });
}

export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: string;
  expiresAt: Date;
}

/** An open invitation by its token, or null when it is unknown, used, revoked or expired. */
async function openInvitation(ctx: PropertyContext, token: string, now: Date) {
  const invitation = await ctx.db.read((tx) => tx.invitation.findUnique({ where: { tokenHash: digest(token) } }));
  return invitation && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > now ? invitation : null;
}

/** What the invitation page shows before the person decides: whoever holds the token may see it. */
export async function invitationByToken(ctx: PropertyContext, token: string): Promise<InvitationPreview> {
  const invitation = await openInvitation(ctx, token, new Date());
  if (!invitation) throw AppError.badInput("Invalid or expired invitation", { field: "token" });
  const organization = await ctx.db.read((tx) => tx.organization.findUnique({ where: { id: invitation.organizationId }, select: { name: true } }));
  if (!organization) throw AppError.badInput("Invalid or expired invitation", { field: "token" });
  return { organizationName: organization.name, email: invitation.email, role: invitation.roleKey, expiresAt: invitation.expiresAt };
}

const newAccountSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  password: passwordSchema,
});

/**
 * The invitation proves the address: a signed-in person accepts for their own account (same
 * address); someone without an account gives their name and a password and gets one, verified.
 */
export async function acceptInvitation(
  ctx: PropertyContext,
  input: { token: string; firstName?: string | null; lastName?: string | null; password?: string | null },
): Promise<Organization> {
  if (ctx.caller?.clientId) throw AppError.forbidden("Partner clients cannot join organizations");
  const now = new Date();
  const invitation = await openInvitation(ctx, input.token, now);
  if (!invitation) throw AppError.badInput("Invalid or expired invitation", { field: "token" });
  const caller: Caller | null = ctx.caller;
  const newAccount = caller ? null : parseInput(newAccountSchema, input);
  const passwordHash = newAccount ? await hashPassword(newAccount.password) : null;
  return ctx.db.write(async (tx) => {
    let userId: string;
    if (caller) {
      if ((await emailOfUser(tx, caller.userId)) !== invitation.email) throw AppError.forbidden("This invitation is for another address");
      userId = caller.userId;
    } else {
      const user = await createVerifiedUser(
        tx,
        { email: invitation.email, passwordHash, firstName: newAccount!.firstName, lastName: newAccount!.lastName },
        now,
      );
      userId = user.id;
    }
    // Single use, even under a race: only one acceptance flips acceptedAt.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now, acceptedUserId: userId },
    });
    if (claimed.count !== 1) throw AppError.badInput("Invalid or expired invitation", { field: "token" });
    const organizationId = invitation.organizationId;
    const membership = await tx.organizationMember.upsert({
      where: { userId_organizationId: { userId, organizationId } },
      create: { userId, organizationId, status: "ACTIVE", joinedAt: now },
      update: { status: "ACTIVE", leftAt: null, joinedAt: now },
    });
    assertRoleKey(invitation.roleKey);
    await tx.userRole.createMany({
      data: [{ organizationId, userId, roleId: await globalRoleId(tx, invitation.roleKey), grantedById: invitation.invitedById }],
      skipDuplicates: true,
    });
    await recordAccountEvent(
      tx,
      ctx,
      { userId, organizationId },
      {
        action: "organization.invitation_accepted",
        entityType: "organization_member",
        entityId: membership.id,
        diff: { invitationId: invitation.id, role: invitation.roleKey, newAccount: !caller },
      },
    );
    return tx.organization.findUniqueOrThrow({ where: { id: organizationId } });
  });
}
