// The listings module's set-based writers for bulk edits and feed imports (the imports module
// calls them): one statement per step however many listings, each listing's values carried in
// one JSON parameter (jsonb_to_recordset), no user input ever spliced into SQL text.
import { Prisma, type PrismaClient } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";
import { listingsChanged } from "./events.ts";
import type { ListingStatus } from "./lifecycle.ts";

const sql = Prisma.sql;

/** The columns of each targeted row that authorization and the lifecycle need. */
export interface BulkTarget {
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

/** Every targeted row, locked until the transaction ends. */
export function lockBulkTargets(tx: Tx, ids: readonly string[]): Promise<BulkTarget[]> {
  if (!ids.length) return Promise.resolve([]);
  return tx.$queryRaw<BulkTarget[]>(sql`
    SELECT id::text AS id, realtor_id::text AS "realtorId", agency_id::text AS "agencyId", organization_id::text AS "organizationId",
           status::text AS status, transaction_type::text AS "transactionType", property_type::text AS "propertyType", country,
           energy_class::text AS "energyClass", title, city, street, price::text AS price, currency,
           published_at AS "publishedAt", expires_at AS "expiresAt"
    FROM reality.listings WHERE id = ANY(${[...ids]}::uuid[]) FOR UPDATE`);
}

/** One listing's patch as the UPDATE reads it: null keeps the column; the set_* flags say which stamps apply. */
export interface ListingPatchRow {
  id: string;
  price: string | null;
  currency: string | null;
  status: string | null;
  title: string | null;
  description: string | null;
  features: string[] | null;
  rooms: number | null;
  bathrooms: number | null;
  size_sqm: string | null;
  energy_class: string | null;
  realtor_id: string | null;
  set_published: boolean;
  published_at: string | null;
  set_expires: boolean;
  expires_at: string | null;
  set_archived: boolean;
  archived_at: string | null;
}

/**
 * Each patchable column and how the UPDATE sets it from the row `v` of the patches (null keeps the
 * column). Only columns some patch touches are set: a bulk price change must not rewrite titles
 * and descriptions, which would recompute every row's full-text vector and its GIN entries.
 */
const COLUMNS: Record<string, { field: (r: ListingPatchRow) => boolean; set: string }> = {
  price: { field: (r) => r.price !== null, set: "price = coalesce(v.price, l.price)" },
  currency: { field: (r) => r.currency !== null, set: "currency = coalesce(v.currency, l.currency)" },
  status: { field: (r) => r.status !== null, set: `status = coalesce(v.status::reality."ListingStatus", l.status)` },
  title: { field: (r) => r.title !== null, set: "title = coalesce(v.title, l.title)" },
  description: { field: (r) => r.description !== null, set: "description = coalesce(v.description, l.description)" },
  features: {
    field: (r) => r.features !== null,
    set: "features = CASE WHEN v.features IS NULL THEN l.features ELSE ARRAY(SELECT jsonb_array_elements_text(v.features)) END",
  },
  rooms: { field: (r) => r.rooms !== null, set: "rooms = coalesce(v.rooms, l.rooms)" },
  bathrooms: { field: (r) => r.bathrooms !== null, set: "bathrooms = coalesce(v.bathrooms, l.bathrooms)" },
  size_sqm: { field: (r) => r.size_sqm !== null, set: "size_sqm = coalesce(v.size_sqm, l.size_sqm)" },
  energy_class: { field: (r) => r.energy_class !== null, set: `energy_class = coalesce(v.energy_class::reality."EnergyClass", l.energy_class)` },
  realtor_id: { field: (r) => r.realtor_id !== null, set: "realtor_id = coalesce(v.realtor_id, l.realtor_id)" },
  published_at: { field: (r) => r.status !== null, set: "published_at = CASE WHEN v.set_published THEN v.published_at ELSE l.published_at END" },
  expires_at: { field: (r) => r.status !== null || r.set_expires, set: "expires_at = CASE WHEN v.set_expires THEN v.expires_at ELSE l.expires_at END" },
  archived_at: { field: (r) => r.status !== null, set: "archived_at = CASE WHEN v.set_archived THEN v.archived_at ELSE l.archived_at END" },
};

/** One UPDATE for every patch. */
export async function applyListingPatches(tx: Tx, rows: readonly ListingPatchRow[]): Promise<void> {
  if (!rows.length) return;
  // Fixed texts chosen from COLUMNS by what the patches contain: no user input becomes SQL.
  const assignments = Object.values(COLUMNS)
    .filter((column) => rows.some((row) => column.field(row)))
    .map((column) => Prisma.raw(column.set));
  await tx.$executeRaw(sql`
    UPDATE reality.listings l SET ${Prisma.join([...assignments, Prisma.raw("updated_at = now()")], ", ")}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      id uuid, price numeric, currency text, status text, title text, description text, features jsonb,
      rooms int, bathrooms int, size_sqm numeric, energy_class text, realtor_id uuid,
      set_published boolean, published_at timestamptz, set_expires boolean, expires_at timestamptz,
      set_archived boolean, archived_at timestamptz)
    WHERE l.id = v.id`);
  await listingsChanged(
    tx,
    rows.map((row) => row.id),
  );
}

/** A listing of an agency's feed as the import compares it. */
export interface FeedListingState {
  id: string;
  externalId: string | null;
  sourceChecksum: string | null;
  status: string;
  price: string;
  publishedAt: Date | null;
  expiresAt: Date | null;
}

/** The agency's listings with these external ids, locked; portal-made listings named by their own id are taken over first. */
export async function lockFeedListings(tx: Tx, agencyId: string, ids: readonly string[]): Promise<FeedListingState[]> {
  // Listings the agency made on the portal are exported under their own id: a feed naming that
  // id takes them over instead of creating a copy.
  await tx.$executeRaw(sql`
    UPDATE reality.listings SET external_id = id::text
    WHERE agency_id = ${agencyId}::uuid AND external_id IS NULL AND id::text = ANY(${[...ids]}::text[])`);
  return tx.$queryRaw<FeedListingState[]>(sql`
    SELECT id::text AS id, external_id AS "externalId", source_checksum AS "sourceChecksum", status::text AS status,
           price::text AS price, published_at AS "publishedAt", expires_at AS "expiresAt"
    FROM reality.listings WHERE agency_id = ${agencyId}::uuid AND external_id = ANY(${[...ids]}::text[]) FOR UPDATE`);
}

/** One feed item as the upsert reads it (the listing's columns; the set_* flags say which stamps apply). */
export type FeedListingRecord = Record<string, unknown> & { external_id: string };

/** Inserts or updates every record by (agency, external id); their listing ids by external id. */
export async function upsertFeedListings(tx: Tx, agencyId: string, records: readonly FeedListingRecord[]): Promise<Map<string, string>> {
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
  await listingsChanged(
    tx,
    upserted.map((row) => row.id),
  );
  return new Map(upserted.map((row) => [row.external_id, row.id]));
}

/** A full feed is the whole offer: the agency's feed listings it no longer names are archived. */
export function archiveListingsMissingFromFeed(db: PrismaClient, agencyId: string, present: readonly string[]): Promise<number> {
  return db.$executeRaw(sql`
      UPDATE reality.listings SET status = 'ARCHIVED', archived_at = now(), updated_at = now()
      WHERE agency_id = ${agencyId}::uuid AND external_id IS NOT NULL AND status <> 'ARCHIVED'
        AND NOT (external_id = ANY(${[...present]}::text[]))`);
}

/** The agency's ACTIVE listings, and how many of them a full feed naming `present` would archive. */
export async function activeListingsMissingFromFeed(
  db: PrismaClient,
  agencyId: string,
  present: readonly string[],
): Promise<{ active: number; archivable: number }> {
  // A portal-made listing is exported under its own id and taken over by a feed that names it.
  const [row] = await db.$queryRaw<{ active: number; archivable: number }[]>(sql`
      SELECT count(*)::int AS active,
             count(*) FILTER (WHERE external_id IS NOT NULL AND NOT (external_id = ANY(${[...present]}::text[])))::int AS archivable
      FROM reality.listings WHERE agency_id = ${agencyId}::uuid AND status = 'ACTIVE'`);
  return row ?? { active: 0, archivable: 0 };
}

/** A listing as the feed export writes it (the realtor by id: the caller adds their e-mail). */
export interface FeedExportRow {
  externalId: string;
  propertyType: string;
  transactionType: string;
  status: string;
  title: string;
  description: string | null;
  translations: Record<string, string> | null;
  addressVisibility: string;
  street: string;
  streetNumber: string | null;
  city: string;
  district: string | null;
  postalCode: string | null;
  country: string;
  latitude: number | null;
  longitude: number | null;
  price: string;
  currency: string;
  sizeSqm: string | null;
  landSizeSqm: string | null;
  rooms: number | null;
  bathrooms: number | null;
  floor: number | null;
  totalFloors: number | null;
  yearBuilt: number | null;
  energyClass: string | null;
  features: string[];
  realtorId: string | null;
}

/** Every listing of the agency except archived ones, oldest first; a portal-made listing under its own id. */
export async function feedExportRows(db: PrismaClient, agencyId: string): Promise<FeedExportRow[]> {
  return db.$queryRaw<FeedExportRow[]>(sql`
    SELECT coalesce(l.external_id, l.id::text) AS "externalId", l.property_type::text AS "propertyType",
           l.transaction_type::text AS "transactionType", l.status::text AS status, l.title, l.description,
           l.description_translations AS translations, l.address_visibility::text AS "addressVisibility",
           l.street, l.street_number AS "streetNumber", l.city, l.district, l.postal_code AS "postalCode", l.country,
           l.latitude, l.longitude, l.price::text AS price, l.currency, l.size_sqm::text AS "sizeSqm",
           l.land_size_sqm::text AS "landSizeSqm", l.rooms, l.bathrooms, l.floor, l.total_floors AS "totalFloors",
           l.year_built AS "yearBuilt", l.energy_class::text AS "energyClass", l.features, l.realtor_id::text AS "realtorId"
    FROM reality.listings l
    WHERE l.agency_id = ${agencyId}::uuid AND l.status <> 'ARCHIVED'
    ORDER BY l.created_at, l.id`);
}
