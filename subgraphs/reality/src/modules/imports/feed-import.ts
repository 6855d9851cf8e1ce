// Importing an agency's XML feed: idempotent by the agency's external id (unique
// (agency_id, external_id), written with INSERT … ON CONFLICT), unchanged items skipped by
// checksum, listings missing from a full feed archived (never deleted). Every run is an
// import_run row with its counts and per-item errors. Items are applied in chunks, each chunk
// one transaction of set-based statements, so a re-run after a failure simply continues.
import { createHash } from "node:crypto";
import { Prisma, type ImportRun, type PrismaClient } from "@ppt/db/client";
import { AppError, ErrorCode, type Caller, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { auditListings, listingsActivated, recordPriceChanges } from "../listings/events.ts";
import { listingFieldSchemas as f } from "../listings/input.ts";
import { DEFAULT_LISTING_DAYS, publishProblem } from "../listings/lifecycle.ts";
import { listingStartLines, parseFeed, refuseHostileXml, validateAgainstXsd, type FeedItem } from "./feed-xml.ts";

const sql = Prisma.sql;

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
  onProgress?: (done: number, total: number) => void;
}

export interface ItemError {
  index: number;
  externalId: string | null;
  code: string;
  message: string;
}

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
  return createHash("sha256").update(JSON.stringify([item, realtorId])).digest("hex");
}

interface Existing {
  id: string;
  externalId: string | null;
  sourceChecksum: string | null;
  status: string;
  price: string;
  publishedAt: Date | null;
  expiresAt: Date | null;
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
      data: { status: "FAILED", finishedAt: new Date(), errors: [{ index: -1, externalId: null, code: error instanceof AppError ? error.code : ErrorCode.Internal, message }] },
    });
    throw error;
  }
}

async function runImport(db: PrismaClient, run: ImportRun, options: ImportOptions): Promise<ImportRun> {
  const errors: ItemError[] = [];
  const fail = async (message: string) =>
    db.importRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), failedCount: 0, errors: [...errors, { index: -1, externalId: null, code: ErrorCode.BadUserInput, message }] as object },
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

  // 2. Every item on its own: shape, status rules, realtor.
  const realtors = await db.$queryRaw<{ id: string; email: string | null; role: string }[]>(sql`
    SELECT r.id::text AS id, lower(r.email) AS email, ar.role::text AS role
    FROM reality.agency_realtors ar JOIN reality.realtors r ON r.id = ar.realtor_id
    WHERE ar.agency_id = ${options.agencyId}::uuid AND ar.left_at IS NULL AND r.status = 'ACTIVE'
    ORDER BY ar.joined_at, r.id`);
  const byEmail = new Map(realtors.filter((r) => r.email).map((r) => [r.email!, r.id]));
  const fallbackRealtor =
    (options.defaultRealtorId && realtors.some((r) => r.id === options.defaultRealtorId) ? options.defaultRealtorId : null) ??
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
    if (!realtorId) return errors.push({ index, externalId, code: ErrorCode.NotFound, message: `No realtor of the agency has the e-mail ${parsed.data.realtorEmail}` });
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
    const present = feed.items.map((item) => item.externalId).filter(Boolean);
    counts.archived = await db.$executeRaw(sql`
      UPDATE reality.listings SET status = 'ARCHIVED', archived_at = now(), updated_at = now()
      WHERE agency_id = ${options.agencyId}::uuid AND external_id IS NOT NULL AND status <> 'ARCHIVED'
        AND NOT (external_id = ANY(${present}::text[]))`);
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
      errors: errors as object,
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
  // Listings the agency made on the portal are exported under their own id: a feed naming that
  // id takes them over instead of creating a copy.
  await tx.$executeRaw(sql`
    UPDATE reality.listings SET external_id = id::text
    WHERE agency_id = ${agencyId}::uuid AND external_id IS NULL AND id::text = ANY(${ids}::text[])`);
  const rows = await tx.$queryRaw<Existing[]>(sql`
    SELECT id::text AS id, external_id AS "externalId", source_checksum AS "sourceChecksum", status::text AS status,
           price::text AS price, published_at AS "publishedAt", expires_at AS "expiresAt"
    FROM reality.listings WHERE agency_id = ${agencyId}::uuid AND external_id = ANY(${ids}::text[]) FOR UPDATE`);
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
  const upserted = await tx.$queryRaw<{ id: string; external_id: string }[]>(sql`
    INSERT INTO reality.listings AS l (
      agency_id, external_id, realtor_id, source_checksum, property_type, transaction_type, status, title, description,
      description_translations, street, street_number, city, district, postal_code, country, latitude, longitude,
      address_visibility, price, currency, size_sqm, land_size_sqm, rooms, bathrooms, floor, total_floors, year_built,
      energy_class, features, published_at, expires_at, archived_at, updated_at)
    SELECT ${agencyId}::uuid, v.external_id, v.realtor_id, v.checksum, v.property_type::reality."ListingPropertyType",
      v.transaction_type::reality."ListingTransactionType", v.status::reality."ListingStatus", v.title, v.description,
      v.translations, v.street, v.street_number, v.city, v.district, v.postal_code, v.country, v.latitude, v.longitude,
      v.address_visibility::reality."AddressVisibility", v.price, v.currency, v.size_sqm, v.land_size_sqm, v.rooms, v.bathrooms,
      v.floor, v.total_floors, v.year_built, v.energy_class::reality."EnergyClass", ARRAY(SELECT jsonb_array_elements_text(v.features)),
      CASE WHEN v.set_published THEN v.published_at END, CASE WHEN v.set_expires THEN v.expires_at END, NULL, now()
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS v(
      external_id text, realtor_id uuid, checksum text, property_type text, transaction_type text, status text, title text,
      description text, translations jsonb, street text, street_number text, city text, district text, postal_code text,
      country text, latitude float8, longitude float8, address_visibility text, price numeric, currency text, size_sqm numeric,
      land_size_sqm numeric, rooms int, bathrooms int, floor int, total_floors int, year_built int, energy_class text,
      features jsonb, set_published boolean, published_at timestamptz, set_expires boolean, expires_at timestamptz)
    ON CONFLICT (agency_id, external_id) DO UPDATE SET
      realtor_id = EXCLUDED.realtor_id, source_checksum = EXCLUDED.source_checksum, property_type = EXCLUDED.property_type,
      transaction_type = EXCLUDED.transaction_type, status = EXCLUDED.status, title = EXCLUDED.title,
      description = EXCLUDED.description, description_translations = EXCLUDED.description_translations,
      street = EXCLUDED.street, street_number = EXCLUDED.street_number, city = EXCLUDED.city, district = EXCLUDED.district,
      postal_code = EXCLUDED.postal_code, country = EXCLUDED.country, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
      address_visibility = EXCLUDED.address_visibility, price = EXCLUDED.price, currency = EXCLUDED.currency,
      size_sqm = EXCLUDED.size_sqm, land_size_sqm = EXCLUDED.land_size_sqm, rooms = EXCLUDED.rooms, bathrooms = EXCLUDED.bathrooms,
      floor = EXCLUDED.floor, total_floors = EXCLUDED.total_floors, year_built = EXCLUDED.year_built,
      energy_class = EXCLUDED.energy_class, features = EXCLUDED.features,
      published_at = coalesce(l.published_at, EXCLUDED.published_at),
      expires_at = coalesce(EXCLUDED.expires_at, l.expires_at),
      archived_at = NULL, updated_at = now()
    RETURNING l.id::text AS id, l.external_id`);
  const idOf = new Map(upserted.map((row) => [row.external_id, row.id]));

  const priceChanges = changed.flatMap(({ item }) => {
    const row = existing.get(item.externalId);
    if (row && new Prisma.Decimal(row.price).equals(item.price)) return [];
    return [{ listingId: idOf.get(item.externalId)!, oldPrice: row?.price ?? null, newPrice: item.price, currency: item.currency }];
  });
  await recordPriceChanges(tx, priceChanges, { importRunId: runId });
  await listingsActivated(
    tx,
    changed.filter(({ item }) => item.status === "ACTIVE" && existing.get(item.externalId)?.status !== "ACTIVE").map(({ item }) => idOf.get(item.externalId)!),
  );
  await auditListings(
    tx,
    { caller: options.caller ?? null, requestId: options.requestId ?? runId },
    "listing.imported",
    changed.map(({ item }) => ({ listingId: idOf.get(item.externalId)!, diff: { importRunId: runId, externalId: item.externalId } })),
  );
}
