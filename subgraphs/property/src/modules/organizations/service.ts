// Organizations: the tenants. A caller sees its active organization only; any signed-in person
// may found one (and becomes its administrator); administrators edit it.
import { randomBytes } from "node:crypto";
import type { Organization } from "@ppt/db/client";
import { parseInput, requireCaller, requirePermission, requireUser, type PrismaClient } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { recordAccountEvent } from "../auth/index.ts";
import { globalRoleId, systemRoles, type RoleView } from "./roles.ts";

export async function currentOrganization(ctx: PropertyContext): Promise<Organization | null> {
  requireCaller(ctx.caller);
  if (!ctx.caller.organizationId) return null;
  return ctx.loaders.organization.load(ctx.caller.organizationId);
}

export async function resolveOrganizationReference(ctx: PropertyContext, id: string): Promise<Organization | null> {
  return ctx.caller?.organizationId === id ? ctx.loaders.organization.load(id) : null;
}

export function listRoles(ctx: PropertyContext): RoleView[] {
  requireCaller(ctx.caller);
  return systemRoles();
}

/** Branding and settings: JSON objects of bounded size (they are read on every page load). */
const jsonObject = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 16_384, "must be at most 16 kB of JSON");

const contactPhone = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[+0-9 ()/-]+$/, "is not a phone number");

const createSchema = z.object({
  name: z.string().trim().min(2).max(255),
  type: z.enum(["HOUSING_COOPERATIVE", "PROPERTY_MANAGEMENT"]),
  contactEmail: z.email().max(255),
  contactPhone: contactPhone.nullish(),
});

/** URL-safe, readable, unique: "bytove-druzstvo-kosice-3f9a2c". */
function slugOf(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "organization"}-${randomBytes(3).toString("hex")}`;
}

export async function createOrganization(ctx: PropertyContext, input: unknown): Promise<Organization> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const data = parseInput(createSchema, input);
  return ctx.db.write(async (tx) => {
    const organization = await tx.organization.create({
      data: {
        name: data.name,
        slug: slugOf(data.name),
        type: data.type,
        contactEmail: data.contactEmail.toLowerCase(),
        contactPhone: data.contactPhone ?? null,
      },
    });
    await tx.organizationMember.create({ data: { organizationId: organization.id, userId: caller.userId, status: "ACTIVE", joinedAt: new Date() } });
    await tx.userRole.create({
      data: { organizationId: organization.id, userId: caller.userId, roleId: await globalRoleId(tx, "org_admin"), grantedById: caller.userId },
    });
    // Recorded in the new organization's audit log (the caller still acts in their previous one).
    await recordAccountEvent(
      tx,
      ctx,
      { userId: caller.userId, organizationId: organization.id },
      {
        action: "organization.created",
        entityType: "organization",
        entityId: organization.id,
        notify: { eventType: "organization.created", payload: { organizationId: organization.id, createdBy: caller.userId } },
      },
    );
    return organization;
  });
}

const updateSchema = z
  .object({
    name: z.string().trim().min(2).max(255).nullish(),
    contactEmail: z.email().max(255).nullish(),
    contactPhone: contactPhone.nullish(),
    branding: jsonObject.nullish(),
    settings: jsonObject.nullish(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), "nothing to change");

export async function updateOrganization(ctx: PropertyContext, input: unknown): Promise<Organization> {
  requirePermission(ctx.caller, "organization:manage");
  const organizationId = ctx.caller.organizationId;
  const data = parseInput(updateSchema, input);
  const changes = {
    ...(data.name ? { name: data.name } : {}),
    ...(data.contactEmail ? { contactEmail: data.contactEmail.toLowerCase() } : {}),
    // An explicit null clears the phone; the other fields are required on the organization.
    ...(data.contactPhone !== undefined ? { contactPhone: data.contactPhone } : {}),
    ...(data.branding ? { branding: data.branding as object } : {}),
    ...(data.settings ? { settings: data.settings as object } : {}),
  };
  return ctx.db.write(async (tx) => {
    const organization = await tx.organization.update({ where: { id: organizationId }, data: changes });
    await recordChange(tx, ctx, {
      entityType: "organization",
      entityId: organizationId,
      eventType: "organization.updated",
      payload: { fields: Object.keys(changes) },
    });
    return organization;
  });
}

/** Every organization's id: jobs visit each tenant under its own RLS context. */
export async function allOrganizationIds(prisma: PrismaClient): Promise<string[]> {
  return (await prisma.organization.findMany({ select: { id: true } })).map((o) => o.id);
}

/** An organization's name (the notifications worker names it in an invitation), or null when it is gone. */
export async function organizationName(prisma: PrismaClient, organizationId: string): Promise<string | null> {
  return (await prisma.organization.findUnique({ where: { id: organizationId }, select: { name: true } }))?.name ?? null;
}
