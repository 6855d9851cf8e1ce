// Edges of the auth types to organizations, batched through the request's DataLoaders.
import type { Organization } from "@ppt/db/client";
import type { PropertyContext } from "../../context.ts";

export interface AccountMembershipView {
  organizationId: string;
  roles: string[];
}

export async function organizationOf(ctx: PropertyContext, id: string | null): Promise<Organization | null> {
  return id ? ctx.loaders.organization.load(id) : null;
}

/** Only ever asked for the account's own person (me, a sign-in answer). */
export function accountMemberships(ctx: PropertyContext, userId: string): Promise<AccountMembershipView[]> {
  return ctx.loaders.activeMembershipsByUser.load(userId);
}
