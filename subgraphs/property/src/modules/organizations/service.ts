// Organizations: the tenants. A caller sees its active organization only.
import type { Organization } from "@ppt/db/client";
import { requireCaller } from "@ppt/server-kit";
import type { PropertyContext } from "../../shared/context.ts";

export async function currentOrganization(ctx: PropertyContext): Promise<Organization | null> {
  requireCaller(ctx.caller);
  if (!ctx.caller.organizationId) return null;
  return ctx.loaders.organization.load(ctx.caller.organizationId);
}

export async function resolveOrganizationReference(ctx: PropertyContext, id: string): Promise<Organization | null> {
  return ctx.caller?.organizationId === id ? ctx.loaders.organization.load(id) : null;
}
