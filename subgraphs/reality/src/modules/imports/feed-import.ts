// Importing an agency's XML feed: idempotent by the agency's external id (unique
// (agency_id, external_id), written with INSERT … ON CONFLICT), unchanged items skipped by
// checksum, listings missing from a full feed archived (never deleted). Every run is an
// import_run row with its counts and per-item errors. Items are applied in chunks, each chunk
// one transaction of set-based statements, so a re-run after a failure simply continues.
import { createHash } from "node:crypto";
import { Prisma, type ImportRun, type PrismaClient } from "@ppt/db/client";
import { AppError, ErrorCode, type Caller, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { activeMembers } from "../agencies/index.ts";
import { matchSavedSearches } from "../favorites/index.ts";
import {
  activeListingsMissingFromFeed,
  archiveListingsMissingFromFeed,
  auditListings,
  DEFAULT_LISTING_DAYS,
  listingFieldSchemas as f,
  listingsActivated,
  lockFeedListings,
  publishProblem,
  recordPriceChanges,
  upsertFeedListings,
} from "../listings/index.ts";
import { realtorsByIds } from "../realtors/index.ts";
import { listingStartLines, parseFeed, refuseHostileXml, validateAgainstXsd, type FeedItem } from "./feed-xml.ts";

export interface ImportOptions {
  agencyId: string;
  xml: string;
  /** Overrides the feed's own `full` attribute. */
  full?: boolean;
  /** Who runs it (audit; their realtor id is the default realtor of the items). */
  caller?: Caller | null;
  requestId?: string;
  defaultRealtorId?: string | null;
  chunkSize?: number;
  /** A full feed may archive more than ARCHIVE_CONFIRMATION_SHARE of the agency's active listings only with this. */
  confirmArchive?: boolean;
  onProgress?: (done: number, total: number) => void;
}

// A type alias, not an interface: it is stored as Prisma JSON, which needs the implicit index signature.
export type ItemError = {
  index: number;
  externalId: string | null;
  code: string;
  message: string;
};

/** A full feed that would archive more than this share of the agency's active listings is most likely truncated or the wrong file. */
export const ARCHIVE_CONFIRMATION_SHARE = 0.2;
export const ARCHIVE_CONFIRMATION_REQUIRED = "ARCHIVE_CONFIRMATION_REQUIRED";

const FEED_STATUSES = ["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED"] as const;

const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === "" ? null : value.trim());
const numberOrNull = (value: string | undefined) => (blankToNull(value) === null ? null : Number(value));
const decimalOrNull = (value: string | undefined) => {
  const v = blankToNull(value);
  return v === null || !/^\d+(\.\d+)?$/.test(v) ? v : new Prisma.Decimal(v).toFixed(2);
};

const itemSchema = z
  .object({
    externalId: z.string().regex(/^[A-Za-z0-9._:/-]{1,255}$/, "an id of letters, digits and . _ : / -"),
    status: z.enum(FEED_STATUSES),
    propertyType: f.propertyType,
    transactionType: f.transactionType,
    title: f.title,
    description: f.description,
    translations: z.record(z.string().regex(/^[a-z]{2}$/), z.string().max(20_000)),
    addressVisibility: f.addressVisibility,
    street: f.street,
    streetNumber: f.streetNumber,
    city: f.city,
    district: f.district,
    postalCode: f.postalCode,
    country: f.country,
    latitude: f.latitude,
    longitude: f.longitude,
    price: f.price,
    currency: f.currency,
    sizeSqm: f.sizeSqm,
    landSizeSqm: f.landSizeSqm,
    rooms: f.rooms,
    bathrooms: f.bathrooms,
    floor: f.floor,
    totalFloors: f.totalFloors,
    yearBuilt: f.yearBuilt,
    energyClass: f.energyClass,
    features: f.features,
    realtorEmail: z.string().max(255).nullable(),
  })
  .refine((item) => (item.latitude === null) === (item.longitude === null), { message: "latitude and longitude go together", path: ["latitude"] });

type NormalizedItem = z.output<typeof itemSchema>;

/** A feed item in the listing's terms: every number parsed, every decimal with two places. */
function normalize(item: FeedItem) {
  return itemSchema.safeParse({
    externalId: item.externalId,
    status: item.status ?? "ACTIVE",
    propertyType: item.type,
    transactionType: item.transaction,
    title: item.title,
    description: blankToNull(item.description),
    translations: Object.fromEntries([...item.translations].sort((a, b) => a.language.localeCompare(b.language)).map((t) => [t.language, t.text.trim()])),
    addressVisibility: item.address.visibility ?? "STREET",
    street: item.address.street,
    streetNumber: blankToNull(item.address.number),
    city: item.address.city,
    district: blankToNull(item.address.district),
    postalCode: blankToNull(item.address.postalCode),
    country: blankToNull(item.address.country) ?? "SK",
    latitude: numberOrNull(item.address.latitude),
    longitude: numberOrNull(item.address.longitude),
    price: decimalOrNull(item.price),
    currency: item.currency ?? "EUR",
    sizeSqm: decimalOrNull(item.area),
    landSizeSqm: decimalOrNull(item.landArea),
    rooms: numberOrNull(item.rooms),
    bathrooms: numberOrNull(item.bathrooms),
    floor: numberOrNull(item.floor),
    totalFloors: numberOrNull(item.totalFloors),
    yearBuilt: numberOrNull(item.yearBuilt),
    energyClass: blankToNull(item.energyClass),
    features: item.features,
    realtorEmail: blankToNull(item.realtorEmail)?.toLowerCase() ?? null,
  });
}

/** What a feed item may not be, beyond its shape (the same rules as the portal's own edits). */
function statusProblem(item: NormalizedItem): AppError | null {
  if (item.status === "SOLD" && item.transactionType !== "SALE") return AppError.badInput("Only a listing for sale can be SOLD", { field: "status" });
  if (item.status === "RENTED" && item.transactionType !== "RENT") return AppError.badInput("Only a listing for rent can be RENTED", { field: "status" });
  if (item.status === "ACTIVE" || item.status === "RESERVED") return publishProblem({ ...item, energyClass: item.energyClass ?? null });
  return null;
}

function checksum(item: NormalizedItem, realtorId: string): string {
  return createHash("sha256")
    .update(JSON.stringify([item, realtorId]))
    .digest("hex");
}

/** The agency's current members with an ACTIVE profile, longest-standing first: who may own imported listings. */
async function activeAgencyRealtors(db: PrismaClient, agencyId: string): Promise<{ id: string; email: string | null; role: string }[]> {
  const members = await activeMembers(db, agencyId);
  const realtors = new Map(
    (
      await realtorsByIds(
        db,
        members.map((m) => m.realtorId),
      )
    ).map((r) => [r.id, r]),
  );
  return members.flatMap((m) => {
    const realtor = realtors.get(m.realtorId);
    return realtor?.status === "ACTIVE" ? [{ id: realtor.id, email: realtor.email?.toLowerCase() ?? null, role: m.role }] : [];
  });
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
}

export async function importFeed(db: PrismaClient, options: ImportOptions): Promise<ImportRun> {
  refuseHostileXml(options.xml);
  const run = await db.importRun.create({ data: { agencyId: options.agencyId, status: "RUNNING" } });
  try {
    return await runImport(db, run, options);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The import failed";
    await db.importRun.update({
      where: { id: run.id },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        errors: [{ index: -1, externalId: null, code: error instanceof AppError ? error.code : ErrorCode.Internal, message }],
      },
    });
    throw error;
  }
}

async function runImport(db: PrismaClient, run: ImportRun, options: ImportOptions): Promise<ImportRun> {
  const errors: ItemError[] = [];
  const fail = async (message: string) =>
    db.importRun.update({
      where: { id: run.id },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        failedCount: 0,
        errors: [...errors, { index: -1, externalId: null, code: ErrorCode.BadUserInput, message }],
      },
    });

  // 1. XSD: errors inside a <listing> fail that item; anything else fails the feed.
  const schemaErrors = await validateAgainstXsd(options.xml);
  const starts = listingStartLines(options.xml);
  const invalidItems = new Map<number, string>();
  for (const error of schemaErrors) {
    const index = error.line === null ? -1 : starts.findLastIndex((start) => start <= error.line!);
    if (index < 0) return fail(`The feed does not follow feed.xsd: ${error.message}`);
    if (!invalidItems.has(index)) invalidItems.set(index, error.message);
  }
  let feed;
  try {
    feed = parseFeed(options.xml);
  } catch (error) {
    return fail(error instanceof AppError ? error.message : "The feed is not well-formed XML");
  }
  if (feed.items.length !== starts.length) return fail("The feed's <listing> elements could not be located");
  const full = options.full ?? feed.full;
  await db.importRun.update({ where: { id: run.id }, data: { isFullFeed: full } });
  const present = feed.items.map((item) => item.externalId).filter(Boolean);
  if (full && !options.confirmArchive) {
    const { active, archivable } = await activeListingsMissingFromFeed(db, options.agencyId, present);
    if (archivable > active * ARCHIVE_CONFIRMATION_SHARE) {
      throw AppError.conflict(
        `This full feed would archive ${archivable} of the agency's ${active} active listings (more than ${ARCHIVE_CONFIRMATION_SHARE * 100} %); nothing was imported. Confirm the archiving, or import it as a partial feed.`,
        { reason: ARCHIVE_CONFIRMATION_REQUIRED, archivable, active },
      );
    }
  }

  // 2. Every item on its own: shape, status rules, realtor.
  const realtors = await activeAgencyRealtors(db, options.agencyId);
  const byEmail = new Map(realtors.filter((r) => r.email).map((r) => [r.email!, r.id]));
  const fallbackRealtor =
    (options.defaultRealtorId && realtors.some((r) => r.id === options.defaultRealtorId) ? options.defaultRealtorId : null) ??
    realtors.find((r) => r.role === "OWNER")?.id ??
    realtors.find((r) => r.role === "ADMIN")?.id ??
    null;
  if (!fallbackRealtor) return fail("The agency has no active realtor to own imported listings");

  const valid: { index: number; item: NormalizedItem; realtorId: string; checksum: string }[] = [];
  feed.items.forEach((raw, index) => {
    const externalId = raw.externalId || null;
    const schemaError = invalidItems.get(index);
    if (schemaError) return errors.push({ index, externalId, code: ErrorCode.BadUserInput, message: schemaError });
    const parsed = normalize(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errors.push({ index, externalId, code: ErrorCode.BadUserInput, message: `${issue.path.join(".")}: ${issue.message}` });
    }
    const problem = statusProblem(parsed.data);
    if (problem) return errors.push({ index, externalId, code: problem.code, message: problem.message });
    const realtorId = parsed.data.realtorEmail ? byEmail.get(parsed.data.realtorEmail) : fallbackRealtor;
    if (!realtorId)
      return errors.push({ index, externalId, code: ErrorCode.NotFound, message: `No realtor of the agency has the e-mail ${parsed.data.realtorEmail}` });
    valid.push({ index, item: parsed.data, realtorId, checksum: checksum(parsed.data, realtorId) });
  });

  // 3. Chunks of set-based writes.
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, archived: 0 };
  const chunkSize = options.chunkSize ?? 1_000;
  options.onProgress?.(0, valid.length);
  for (let start = 0; start < valid.length; start += chunkSize) {
    const chunk = valid.slice(start, start + chunkSize);
    await db.$transaction((tx) => applyChunk(tx, run.id, options, chunk, counts), { maxWait: 5_000, timeout: 60_000 });
    options.onProgress?.(Math.min(start + chunkSize, valid.length), valid.length);
  }

  // 4. A full feed is the whole offer: what it no longer lists is archived.
  if (full) {
    counts.archived = await archiveListingsMissingFromFeed(db, options.agencyId, present);
  }
  return db.importRun.update({
    where: { id: run.id },
    data: {
      status: errors.length === 0 ? "SUCCEEDED" : valid.length > 0 ? "PARTIAL" : "FAILED",
      finishedAt: new Date(),
      createdCount: counts.created,
      updatedCount: counts.updated,
      unchangedCount: counts.unchanged,
      archivedCount: counts.archived,
      failedCount: errors.length,
      errors,
    },
  });
}

async function applyChunk(
  tx: Tx,
  runId: string,
  options: ImportOptions,
  chunk: { item: NormalizedItem; realtorId: string; checksum: string }[],
  counts: Counts,
): Promise<void> {
  const agencyId = options.agencyId;
  const ids = chunk.map((c) => c.item.externalId);
  const rows = await lockFeedListings(tx, agencyId, ids);
  const existing = new Map(rows.map((row) => [row.externalId!, row]));

  const now = new Date();
  const expiry = new Date(now.getTime() + DEFAULT_LISTING_DAYS * 86_400_000).toISOString();
  const changed = chunk.filter((c) => {
    const row = existing.get(c.item.externalId);
    if (row?.sourceChecksum === c.checksum && row.status !== "ARCHIVED") {
      counts.unchanged++;
      return false;
    }
    if (row) counts.updated++;
    else counts.created++;
    return true;
  });
  if (!changed.length) return;

  const records = changed.map(({ item, realtorId, checksum }) => {
    const row = existing.get(item.externalId);
    const published = item.status !== "DRAFT";
    const activating = item.status === "ACTIVE" && row?.status !== "ACTIVE";
    const expired = !row?.expiresAt || row.expiresAt <= now;
    return {
      external_id: item.externalId,
      realtor_id: realtorId,
      checksum,
      property_type: item.propertyType,
      transaction_type: item.transactionType,
      status: item.status,
      title: item.title,
      description: item.description ?? null,
      translations: item.translations,
      street: item.street,
      street_number: item.streetNumber ?? null,
      city: item.city,
      district: item.district ?? null,
      postal_code: item.postalCode ?? null,
      country: item.country,
      latitude: item.latitude ?? null,
      longitude: item.longitude ?? null,
      address_visibility: item.addressVisibility,
      price: item.price,
      currency: item.currency,
      size_sqm: item.sizeSqm ?? null,
      land_size_sqm: item.landSizeSqm ?? null,
      rooms: item.rooms ?? null,
      bathrooms: item.bathrooms ?? null,
      floor: item.floor ?? null,
      total_floors: item.totalFloors ?? null,
      year_built: item.yearBuilt ?? null,
      energy_class: item.energyClass ?? null,
      features: item.features ?? [],
      // Stamps only where they change, so untouched timestamps keep their microseconds.
      set_published: published && !row?.publishedAt,
      published_at: now.toISOString(),
      set_expires: activating && expired,
      expires_at: expiry,
    };
  });
  const idOf = await upsertFeedListings(tx, agencyId, records);

  const priceChanges = changed.flatMap(({ item }) => {
    const row = existing.get(item.externalId);
    if (row && new Prisma.Decimal(row.price).equals(item.price)) return [];
    return [{ listingId: idOf.get(item.externalId)!, oldPrice: row?.price ?? null, newPrice: item.price, currency: item.currency }];
  });
  await recordPriceChanges(tx, priceChanges, { importRunId: runId });
  const activated = changed
    .filter(({ item }) => item.status === "ACTIVE" && existing.get(item.externalId)?.status !== "ACTIVE")
    .map(({ item }) => idOf.get(item.externalId)!);
  await listingsActivated(tx, activated);
  await matchSavedSearches(tx, activated);
  await auditListings(
    tx,
    { caller: options.caller ?? null, requestId: options.requestId ?? runId },
    "listing.imported",
    changed.map(({ item }) => ({ listingId: idOf.get(item.externalId)!, diff: { importRunId: runId, externalId: item.externalId } })),
  );
}
