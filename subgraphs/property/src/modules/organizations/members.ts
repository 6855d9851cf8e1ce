// Members of the caller's organization as people other records point to. A user is visible only
// through a membership of the caller's active organization (any status: a tenant who moved out
// is still the reporter of last year's fault), so ids of other tenants' people resolve to null.
// The organizations module owns memberships; the members module serves them as `User` entities.
import type { User } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export type MemberView = Pick<User, "id" | "firstName" | "lastName"> & { membershipActive: boolean };

export async function loadMembers(tx: Tx, organizationId: string | null, userIds: string[]): Promise<MemberView[]> {
  if (!organizationId) return [];
  const memberships = await tx.organizationMember.findMany({
    where: { organizationId, userId: { in: userIds } },
    select: { status: true, user: { select: { id: true, firstName: true, lastName: true } } },
  });
  return memberships.map((m) => ({ ...m.user, membershipActive: m.status === "ACTIVE" }));
}

/**
 * Active members by e-mail (as normalized at sign-up: trimmed, lower case), for imports that name
 * people by their address: one statement for the whole list.
 */
export async function loadActiveMembersByEmail(tx: Tx, organizationId: string | null, emails: string[]): Promise<{ email: string; id: string }[]> {
  if (!organizationId || emails.length === 0) return [];
  const memberships = await tx.organizationMember.findMany({
    where: { organizationId, status: "ACTIVE", user: { email: { in: emails } } },
    select: { user: { select: { id: true, email: true } } },
  });
  return memberships.map((m) => m.user);
}

/** A person shown on a record of the organization (null when not a member). */
export function memberById(ctx: PropertyContext, id: string): Promise<MemberView | null> {
  return ctx.loaders.user.load(id);
}

/** An active member: who may be assigned a fault, own or occupy a unit, or get a document shared. */
export async function isActiveMember(ctx: PropertyContext, id: string): Promise<boolean> {
  return (await ctx.loaders.user.load(id))?.membershipActive ?? false;
}
