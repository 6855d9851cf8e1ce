// Bulk edit: up to 10,000 listings in one mutation. Each item is validated and authorized on its
// own; the valid ones are applied together in set-based statements (one UPDATE … FROM
// jsonb_to_recordset, one price-history INSERT, …), the invalid ones change nothing and come
// back with a coded error. Nothing is attempted row by row: a PostgreSQL transaction aborts at
// its first error, so errors are found before the statements run, not by catching them.
import { Prisma } from "@ppt/db/client";
import { AppError, ErrorCode, isUuid } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { currentMemberships } from "../agencies/index.ts";
import { matchSavedSearches } from "../favorites/index.ts";
import {
  applyListingPatches,
  auditListings,
  canEdit,
  listingFieldSchemas as f,
  listingsActivated,
  lockBulkTargets,
  recordPriceChanges,
  requireListingEditor,
  transitionProblem,
  transitionStamps,
  type BulkTarget,
  type ListingEditor,
  type ListingPatchRow,
} from "../listings/index.ts";

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
    realtorId: z.string().refine(isUuid, "not a realtor id").nullish(),
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

type Target = BulkTarget;

const fail = (index: number, id: string, code: ErrorCode, message: string): BulkItemResult => ({ index, id, ok: false, code, message });

/** Checks one patch against its row: null when it may be applied. `members` holds the current "agencyId:realtorId" memberships asked about. */
function itemProblem(editor: ListingEditor, patch: Patch, target: Target | undefined, members: ReadonlySet<string>): AppError | null {
  if (!target || !canEdit(editor, target)) return AppError.notFound("Listing");
  if (patch.realtorId && patch.realtorId !== target.realtorId) {
    // The agent changes inside the agency only: a listing never leaves its agency this way, nor
    // is it handed to a realtor of another agency (or a former member).
    if (!target.agencyId || !members.has(`${target.agencyId}:${patch.realtorId}`)) {
      return AppError.badInput("realtorId: not a current realtor of the listing's agency", { field: "realtorId" });
    }
    if (!editor.adminAgencyIds.has(target.agencyId)) return AppError.forbidden("Only an OWNER or ADMIN of the agency hands its listings to another realtor");
  }
  if (patch.status && patch.status !== target.status) {
    return transitionProblem({ ...target, energyClass: (patch.energyClass ?? target.energyClass) as never }, patch.status);
  }
  return null;
}

export async function bulkUpdateListings(ctx: RealityContext, input: unknown[]): Promise<BulkUpdateResult> {
  const editor = await requireListingEditor(ctx);
  if (input.length > MAX_BULK_ITEMS) throw AppError.badInput(`At most ${MAX_BULK_ITEMS} items per bulk update`, { field: "input" });

  // 1. Shape of every item, in JS.
  const results = new Array<BulkItemResult>(input.length);
  const candidates: { index: number; patch: Patch }[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the client sent as id is echoed back in its result
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
    const rows = await lockBulkTargets(
      tx,
      candidates.map((c) => c.patch.id),
    );
    const targets = new Map(rows.map((row) => [row.id, row]));
    const members = await currentMemberships(
      tx,
      candidates.flatMap(({ patch }) => {
        const agencyId = targets.get(patch.id)?.agencyId;
        return patch.realtorId && agencyId ? [{ agencyId, realtorId: patch.realtorId }] : [];
      }),
    );

    // 3. Authorization and the lifecycle, item by item.
    const valid: { index: number; patch: Patch; target: Target }[] = [];
    for (const { index, patch } of candidates) {
      const target = targets.get(patch.id);
      const problem = itemProblem(editor, patch, target, members);
      if (problem) results[index] = fail(index, patch.id, problem.code, problem.message);
      else valid.push({ index, patch, target: target! });
    }
    if (!valid.length) return valid;

    // 4. Set-based apply.
    const now = new Date();
    await applyListingPatches(tx, patchRows(valid, now));
    const priceChanges = valid
      .filter(({ patch, target }) => patch.price && !new Prisma.Decimal(patch.price).equals(target.price))
      .map(({ patch, target }) => ({ listingId: target.id, oldPrice: target.price, newPrice: patch.price!, currency: patch.currency ?? target.currency }));
    await recordPriceChanges(tx, priceChanges, { realtorId: editor.realtorId });
    const activated = valid.filter(({ patch, target }) => patch.status === "ACTIVE" && target.status !== "ACTIVE").map(({ target }) => target.id);
    await listingsActivated(tx, activated);
    await matchSavedSearches(tx, activated);
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

/** Each valid patch as the listings module's UPDATE reads it, its status stamps computed. */
function patchRows(items: { patch: Patch; target: Target }[], now: Date): ListingPatchRow[] {
  return items.map(({ patch, target }) => {
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
      realtor_id: patch.realtorId ?? null,
      set_published: "publishedAt" in stamps,
      published_at: stamps.publishedAt?.toISOString() ?? null,
      set_expires: "expiresAt" in stamps || Boolean(patch.expiresAt),
      expires_at: (patch.expiresAt ?? stamps.expiresAt)?.toISOString() ?? null,
      set_archived: "archivedAt" in stamps,
      archived_at: stamps.archivedAt?.toISOString() ?? null,
    };
  });
}
