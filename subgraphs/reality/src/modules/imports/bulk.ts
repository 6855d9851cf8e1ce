// Bulk edit: up to 10,000 listings in one mutation. Each item is validated and authorized on its
// own; the valid ones are applied together in set-based statements (one UPDATE … FROM
// jsonb_to_recordset, one price-history INSERT, …), the invalid ones change nothing and come
// back with a coded error. Nothing is attempted row by row: a PostgreSQL transaction aborts at
// its first error, so errors are found before the statements run, not by catching them.
import { Prisma } from "@ppt/db/client";
import { AppError, ErrorCode, isUuid, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../shared/context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { canEdit, requireListingEditor, type ListingEditor } from "../listings/access.ts";
import { auditListings, listingsActivated, recordPriceChanges } from "../listings/events.ts";
import { listingFieldSchemas as f } from "../listings/input.ts";
import { transitionProblem, transitionStamps, type ListingStatus } from "../listings/lifecycle.ts";

const sql = Prisma.sql;

export const MAX_BULK_ITEMS = 10_000;

const patchSchema = z
  .object({
    id: z.string(),
    price: f.price.nullish(),
    currency: f.currency.nullish(),
    status: z.enum(["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED", "ARCHIVED"]).nullish(),
    title: f.title.nullish(),
    description: f.description,
    features: f.features,
    rooms: f.rooms,
    bathrooms: f.bathrooms,
    sizeSqm: f.sizeSqm,
    energyClass: f.energyClass,
    expiresAt: f.expiresAt,
  })
  .strict();

type Patch = z.output<typeof patchSchema>;

export interface BulkItemResult {
  index: number;
  id: string;
  ok: boolean;
  code: ErrorCode | null;
  message: string | null;
}

export interface BulkUpdateResult {
  applied: number;
  failed: number;
  results: BulkItemResult[];
}

/** The columns of each targeted row that authorization and the lifecycle need. */
interface Target {
  id: string;
  realtorId: string | null;
  agencyId: string | null;
  organizationId: string | null;
  status: ListingStatus;
  transactionType: "SALE" | "RENT";
  propertyType: "APARTMENT" | "HOUSE" | "COMMERCIAL" | "LAND";
  country: string;
  energyClass: string | null;
  title: string;
  city: string;
  street: string;
  price: string;
  currency: string;
  publishedAt: Date | null;
  expiresAt: Date | null;
}

const fail = (index: number, id: string, code: ErrorCode, message: string): BulkItemResult => ({ index, id, ok: false, code, message });

/** Checks one patch against its row: null when it may be applied. */
function itemProblem(editor: ListingEditor, patch: Patch, target: Target | undefined): AppError | null {
  if (!target || !canEdit(editor, target)) return AppError.notFound("Listing");
  if (patch.status && patch.status !== target.status) {
    return transitionProblem({ ...target, energyClass: (patch.energyClass ?? target.energyClass) as never }, patch.status);
  }
  return null;
}

export async function bulkUpdateListings(ctx: RealityContext, input: unknown[]): Promise<BulkUpdateResult> {
  const editor = await requireListingEditor(ctx);
  if (input.length > MAX_BULK_ITEMS) throw AppError.badInput(`At most ${MAX_BULK_ITEMS} items per bulk update`, { field: "input" });

  // 1. Shape of every item, in JS.
  const results: BulkItemResult[] = new Array(input.length);
  const candidates: { index: number; patch: Patch }[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const id = String((raw as { id?: unknown })?.id ?? "");
    const parsed = patchSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      results[index] = fail(index, id, ErrorCode.BadUserInput, `${issue.path.join(".")}: ${issue.message}`);
    } else if (!isUuid(id)) {
      results[index] = fail(index, id, ErrorCode.NotFound, "Listing not found");
    } else if (seen.has(id)) {
      results[index] = fail(index, id, ErrorCode.BadUserInput, "The same listing appears twice in one bulk update");
    } else {
      seen.add(id);
      candidates.push({ index, patch: parsed.data });
    }
  });

  const applied = await inTransaction(ctx, async (tx) => {
    // 2. One SELECT of every targeted row, locked until the statements below commit.
    const ids = candidates.map((c) => c.patch.id);
    const rows = ids.length
      ? await tx.$queryRaw<Target[]>(sql`
          SELECT id::text AS id, realtor_id::text AS "realtorId", agency_id::text AS "agencyId", organization_id::text AS "organizationId",
                 status::text AS status, transaction_type::text AS "transactionType", property_type::text AS "propertyType", country,
                 energy_class::text AS "energyClass", title, city, street, price::text AS price, currency,
                 published_at AS "publishedAt", expires_at AS "expiresAt"
          FROM reality.listings WHERE id = ANY(${ids}::uuid[]) FOR UPDATE`)
      : [];
    const targets = new Map(rows.map((row) => [row.id, row]));

    // 3. Authorization and the lifecycle, item by item.
    const valid: { index: number; patch: Patch; target: Target }[] = [];
    for (const { index, patch } of candidates) {
      const target = targets.get(patch.id);
      const problem = itemProblem(editor, patch, target);
      if (problem) results[index] = fail(index, patch.id, problem.code, problem.message);
      else valid.push({ index, patch, target: target! });
    }
    if (!valid.length) return valid;

    // 4. Set-based apply.
    const now = new Date();
    await applyPatches(tx, valid, now);
    const priceChanges = valid
      .filter(({ patch, target }) => patch.price && !new Prisma.Decimal(patch.price).equals(target.price))
      .map(({ patch, target }) => ({ listingId: target.id, oldPrice: target.price, newPrice: patch.price!, currency: patch.currency ?? target.currency }));
    await recordPriceChanges(tx, priceChanges, { realtorId: editor.realtorId });
    await listingsActivated(
      tx,
      valid.filter(({ patch, target }) => patch.status === "ACTIVE" && target.status !== "ACTIVE").map(({ target }) => target.id),
    );
    await auditListings(
      tx,
      ctx,
      "listing.bulk_updated",
      valid.map(({ patch }) => ({ listingId: patch.id, diff: { fields: Object.keys(patch).filter((k) => k !== "id" && patch[k as keyof Patch] != null) } })),
    );
    return valid;
  });

  for (const { index, patch } of applied) results[index] = { index, id: patch.id, ok: true, code: null, message: null };
  return { applied: applied.length, failed: input.length - applied.length, results };
}

/**
 * Each patchable column and how the UPDATE sets it from the row `v` of the patches (null keeps the
 * column). Only columns some patch touches are set: a bulk price change must not rewrite titles
 * and descriptions, which would recompute every row's full-text vector and its GIN entries.
 */
const COLUMNS: Record<string, { field: (p: Patch) => boolean; set: string }> = {
  price: { field: (p) => p.price != null, set: "price = coalesce(v.price, l.price)" },
  currency: { field: (p) => p.currency != null, set: "currency = coalesce(v.currency, l.currency)" },
  status: { field: (p) => p.status != null, set: `status = coalesce(v.status::reality."ListingStatus", l.status)` },
  title: { field: (p) => p.title != null, set: "title = coalesce(v.title, l.title)" },
  description: { field: (p) => p.description != null, set: "description = coalesce(v.description, l.description)" },
  features: { field: (p) => p.features != null, set: "features = CASE WHEN v.features IS NULL THEN l.features ELSE ARRAY(SELECT jsonb_array_elements_text(v.features)) END" },
  rooms: { field: (p) => p.rooms != null, set: "rooms = coalesce(v.rooms, l.rooms)" },
  bathrooms: { field: (p) => p.bathrooms != null, set: "bathrooms = coalesce(v.bathrooms, l.bathrooms)" },
  size_sqm: { field: (p) => p.sizeSqm != null, set: "size_sqm = coalesce(v.size_sqm, l.size_sqm)" },
  energy_class: { field: (p) => p.energyClass != null, set: `energy_class = coalesce(v.energy_class::reality."EnergyClass", l.energy_class)` },
  published_at: { field: (p) => p.status != null, set: "published_at = CASE WHEN v.set_published THEN v.published_at ELSE l.published_at END" },
  expires_at: { field: (p) => p.status != null || p.expiresAt != null, set: "expires_at = CASE WHEN v.set_expires THEN v.expires_at ELSE l.expires_at END" },
  archived_at: { field: (p) => p.status != null, set: "archived_at = CASE WHEN v.set_archived THEN v.archived_at ELSE l.archived_at END" },
};

/** One UPDATE for every valid patch: null fields keep their column, status stamps come computed. */
async function applyPatches(tx: Tx, items: { patch: Patch; target: Target }[], now: Date): Promise<void> {
  const rows = items.map(({ patch, target }) => {
    const stamps = patch.status ? transitionStamps(target, patch.status, now) : {};
    return {
      id: patch.id,
      price: patch.price ?? null,
      currency: patch.currency ?? null,
      status: patch.status ?? null,
      title: patch.title ?? null,
      description: patch.description ?? null,
      features: patch.features ?? null,
      rooms: patch.rooms ?? null,
      bathrooms: patch.bathrooms ?? null,
      size_sqm: patch.sizeSqm ?? null,
      energy_class: patch.energyClass ?? null,
      set_published: "publishedAt" in stamps,
      published_at: stamps.publishedAt?.toISOString() ?? null,
      set_expires: "expiresAt" in stamps || Boolean(patch.expiresAt),
      expires_at: (patch.expiresAt ?? stamps.expiresAt)?.toISOString() ?? null,
      set_archived: "archivedAt" in stamps,
      archived_at: stamps.archivedAt?.toISOString() ?? null,
    };
  });
  // Fixed texts chosen from COLUMNS by what the patches contain: no user input becomes SQL.
  const assignments = Object.values(COLUMNS)
    .filter((column) => items.some(({ patch }) => column.field(patch)))
    .map((column) => Prisma.raw(column.set));
  await tx.$executeRaw(sql`
    UPDATE reality.listings l SET ${Prisma.join([...assignments, Prisma.raw("updated_at = now()")], ", ")}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      id uuid, price numeric, currency text, status text, title text, description text, features jsonb,
      rooms int, bathrooms int, size_sqm numeric, energy_class text,
      set_published boolean, published_at timestamptz, set_expires boolean, expires_at timestamptz,
      set_archived boolean, archived_at timestamptz)
    WHERE l.id = v.id`);
}
