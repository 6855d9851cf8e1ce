// Listings: what the public sees, how a listing shows its address and description, and the
// edits of its realtor, agency admin or property manager — each a single transaction with its
// price history, outbox events and audit entries. Views are counted by analytics.
import { Prisma, type Listing } from "@ppt/db/client";
import { AppError, isUuid, parseInput, requirePermission, type Tx } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { canEdit, editableListing, listingEditor, requireListingEditor, type ListingEditor } from "./access.ts";
import { auditListings, listingsActivated, listingsChanged, recordPriceChanges } from "./events.ts";
import { createListingSchema, translationsMap, updateListingSchema, type CreateListingInput } from "./input.ts";
import { publishProblem, transitionProblem, transitionStamps, type ListingStatus } from "./lifecycle.ts";
import type { SearchScope } from "./listing-sql.ts";
import { listingPage } from "./pages.ts";

const sql = Prisma.sql;

/** A unit of the property subgraph, known here by its id only. */
export interface UnitRef {
  id: string;
}

/** Statuses the public sees; drafts and archived listings are their realtor's business. */
export const PUBLIC_STATUSES = ["ACTIVE", "RESERVED"] as const satisfies Listing["status"][];

/** Published and not past its expiry (the expiry job archives it soon after). */
export function isPublic(listing: Listing, now = new Date()): boolean {
  return (PUBLIC_STATUSES as readonly string[]).includes(listing.status) && (!listing.expiresAt || listing.expiresAt > now);
}

/** A published listing, or (unless `publicOnly`) any listing the caller may edit; else NOT_FOUND. */
export async function getListing(ctx: RealityContext, id: string, options: { publicOnly?: boolean } = {}): Promise<Listing> {
  const listing = await ctx.loaders.listing.load(id);
  if (listing && isPublic(listing)) return listing;
  if (listing && !options.publicOnly && canEdit(await listingEditor(ctx), listing)) return listing;
  throw AppError.notFound("Listing");
}

/** Whether the caller may see the listing's private parts (counters, drafts). */
export async function isEditableByCaller(ctx: RealityContext, listing: Listing): Promise<boolean> {
  return canEdit(await listingEditor(ctx), listing);
}

/** The street as the listing chooses to show it. */
export function publicStreet(listing: Listing): string | null {
  switch (listing.addressVisibility) {
    case "FULL":
      return [listing.street, listing.streetNumber].filter(Boolean).join(" ");
    case "STREET":
      return listing.street;
    case "DISTRICT":
      return null;
  }
}

/** The description in the request's language (Accept-Language), else the original. */
export function localizedDescription(listing: Listing, language: string): string | null {
  const primary = language.split(/[-_;]/)[0]!.trim().toLowerCase();
  const translations = (listing.descriptionTranslations ?? {}) as Record<string, unknown>;
  const translated = translations[primary];
  return typeof translated === "string" && translated.length > 0 ? translated : listing.description;
}

export async function listingsOfUnit(ctx: RealityContext, unitId: string): Promise<Listing[]> {
  return ctx.loaders.publishedListingsByUnit.load(unitId);
}

// ---------------------------------------------------------------------------------------------
// Edits

function createData(input: CreateListingInput) {
  const { descriptionTranslations, agencyId: _agency, ...fields } = input;
  return { ...fields, features: fields.features ?? [], descriptionTranslations: translationsMap(descriptionTranslations) };
}

/** A realtor creates a DRAFT, optionally for one of their agencies. */
export async function createListing(ctx: RealityContext, input: unknown): Promise<Listing> {
  const editor = await requireListingEditor(ctx);
  if (!editor.realtorId) throw AppError.forbidden("Property managers publish units with publishUnitListing");
  const data = parseInput(createListingSchema, input, "input");
  if (data.agencyId && !editor.memberAgencyIds.has(data.agencyId)) throw AppError.notFound("Agency");
  return inTransaction(ctx, async (tx) => {
    const listing = await tx.listing.create({ data: { ...createData(data), realtorId: editor.realtorId, agencyId: data.agencyId ?? null, status: "DRAFT" } });
    await recordPriceChanges(tx, [{ listingId: listing.id, oldPrice: null, newPrice: listing.price.toString(), currency: listing.currency }], {
      realtorId: editor.realtorId,
    });
    await auditListings(tx, ctx, "listing.created", [{ listingId: listing.id, diff: { status: "DRAFT", price: data.price } }]);
    return listing;
  });
}

/**
 * A property manager offers a unit of their organization on the portal. The unit's facts come
 * from the input (this subgraph cannot read property tables); a database function made for
 * this one question confirms the unit belongs to the caller's organization, so no one can
 * attach — and so publish the facts of — another tenant's unit.
 */
export async function publishUnitListing(ctx: RealityContext, unitId: string, input: unknown): Promise<Listing> {
  requirePermission(ctx.caller, "listings:publish");
  const organizationId = ctx.caller.organizationId;
  const data = parseInput(createListingSchema, input, "input");
  if (data.agencyId) throw AppError.badInput("A property manager's listing has no agency", { field: "input.agencyId" });
  const problem = publishProblem({ ...data, energyClass: data.energyClass ?? null });
  if (problem) throw problem;
  if (!isUuid(unitId)) throw AppError.notFound("Unit");
  return inTransaction(ctx, async (tx) => {
    const [owned] = await tx.$queryRaw<{ owned: boolean }[]>(
      sql`SELECT reality.unit_belongs_to_organization(${unitId}::uuid, ${organizationId}::uuid) AS owned`,
    );
    if (!owned?.owned) throw AppError.notFound("Unit");
    const now = new Date();
    const listing = await tx.listing.create({
      data: {
        ...createData(data),
        organizationId,
        unitId,
        status: "ACTIVE",
        ...transitionStamps({ status: "DRAFT", publishedAt: null, expiresAt: null }, "ACTIVE", now),
      },
    });
    await recordPriceChanges(tx, [{ listingId: listing.id, oldPrice: null, newPrice: listing.price.toString(), currency: listing.currency }]);
    await listingsActivated(tx, [listing.id]);
    await ctx.onListingsActivated(tx, [listing.id]);
    await auditListings(tx, ctx, "listing.unit_published", [{ listingId: listing.id, diff: { unitId, status: "ACTIVE", price: data.price } }]);
    return listing;
  });
}

async function lockListing(tx: Tx, id: string): Promise<Listing> {
  // The row lock orders concurrent edits: the price history's old price is the one replaced.
  await tx.$queryRaw(sql`SELECT id FROM reality.listings WHERE id = ${id}::uuid FOR UPDATE`);
  return tx.listing.findUniqueOrThrow({ where: { id } });
}

function mayFeature(editor: ListingEditor, listing: Listing): boolean {
  return Boolean(editor.organizationId) || (listing.agencyId !== null && editor.adminAgencyIds.has(listing.agencyId));
}

/** Columns that cannot be cleared: null in an update leaves them as they are. */
const REQUIRED_FIELDS: ReadonlySet<string> = new Set([
  "propertyType",
  "transactionType",
  "title",
  "street",
  "city",
  "country",
  "addressVisibility",
  "price",
  "currency",
  "isFeatured",
]);

/** Omitted fields stay; null clears an optional field (required ones ignore null). */
export async function updateListing(ctx: RealityContext, id: string, input: unknown): Promise<Listing> {
  const { listing: seen, editor } = await editableListing(ctx, id);
  const data = parseInput(updateListingSchema, input, "input");
  if (data.isFeatured !== undefined && data.isFeatured !== null && !mayFeature(editor, seen)) {
    throw AppError.forbidden("Only an agency admin features a listing");
  }
  return inTransaction(ctx, async (tx) => {
    const current = await lockListing(tx, id);
    const { descriptionTranslations, expiresAt, ...fields } = data;
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || (value === null && REQUIRED_FIELDS.has(key))) continue;
      changes[key] = value;
    }
    if (descriptionTranslations !== undefined) changes.descriptionTranslations = translationsMap(descriptionTranslations);
    if (expiresAt !== undefined) changes.expiresAt = expiresAt;
    const next = { ...current, ...changes };
    if ((PUBLIC_STATUSES as readonly string[]).includes(current.status)) {
      const problem = publishProblem(next);
      if (problem) throw problem;
    }
    const updated = await tx.listing.update({ where: { id }, data: changes });
    if (!updated.price.equals(current.price)) {
      await recordPriceChanges(tx, [{ listingId: id, oldPrice: current.price.toString(), newPrice: updated.price.toString(), currency: updated.currency }], {
        realtorId: editor.realtorId,
      });
    }
    await listingsChanged(tx, [id]);
    await auditListings(tx, ctx, "listing.updated", [{ listingId: id, diff: { fields: Object.keys(changes) } }]);
    return updated;
  });
}

/** Moves a listing along its lifecycle (see lifecycle.ts). */
export async function changeListingStatus(ctx: RealityContext, id: string, status: ListingStatus): Promise<Listing> {
  await editableListing(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const current = await lockListing(tx, id);
    if (current.status === status) return current;
    const problem = transitionProblem(current, status);
    if (problem) throw problem;
    const updated = await tx.listing.update({ where: { id }, data: { status, ...transitionStamps(current, status) } });
    // listing.published reaches the response cache like listing.changed does: one event is enough.
    if (status === "ACTIVE") {
      await listingsActivated(tx, [id]);
      await ctx.onListingsActivated(tx, [id]);
    } else {
      await listingsChanged(tx, [id]);
    }
    await auditListings(tx, ctx, "listing.status_changed", [{ listingId: id, diff: { from: current.status, to: status } }]);
    return updated;
  });
}

export async function publishListing(ctx: RealityContext, id: string): Promise<Listing> {
  return changeListingStatus(ctx, id, "ACTIVE");
}

export async function archiveListing(ctx: RealityContext, id: string): Promise<Listing> {
  return changeListingStatus(ctx, id, "ARCHIVED");
}

export function priceHistoryOf(ctx: RealityContext, listingId: string) {
  return ctx.loaders.priceHistoryByListing.load(listingId);
}

const ALL_STATUSES: ListingStatus[] = ["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED", "ARCHIVED"];

/** The caller's listings (any status), newest first. */
export async function myListings(ctx: RealityContext, status: ListingStatus | null | undefined, first?: number | null, after?: string | null) {
  const editor = await requireListingEditor(ctx);
  const scope: SearchScope = {
    statuses: status ? [status] : ALL_STATUSES,
    publishedOnly: false,
    editor: { realtorId: editor.realtorId, agencyIds: [...editor.adminAgencyIds], organizationId: editor.organizationId },
  };
  return listingPage(ctx, { terms: [] }, scope, "NEWEST", first, after);
}
