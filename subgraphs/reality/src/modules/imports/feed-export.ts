// Exporting an agency's listings in the feed format (what import reads back unchanged).
import { Prisma, type PrismaClient } from "@ppt/db/client";
import { buildFeed, type FeedListing } from "./feed-xml.ts";

const sql = Prisma.sql;

/** Every listing of the agency except archived ones; a listing made on the portal is exported under its own id. */
export async function exportFeed(db: PrismaClient, agencyId: string): Promise<string> {
  const rows = await db.$queryRaw<(Omit<FeedListing, "translations"> & { translations: Record<string, string> })[]>(sql`
    SELECT coalesce(l.external_id, l.id::text) AS "externalId", l.property_type::text AS "propertyType",
           l.transaction_type::text AS "transactionType", l.status::text AS status, l.title, l.description,
           l.description_translations AS translations, l.address_visibility::text AS "addressVisibility",
           l.street, l.street_number AS "streetNumber", l.city, l.district, l.postal_code AS "postalCode", l.country,
           l.latitude, l.longitude, l.price::text AS price, l.currency, l.size_sqm::text AS "sizeSqm",
           l.land_size_sqm::text AS "landSizeSqm", l.rooms, l.bathrooms, l.floor, l.total_floors AS "totalFloors",
           l.year_built AS "yearBuilt", l.energy_class::text AS "energyClass", l.features, lower(r.email) AS "realtorEmail"
    FROM reality.listings l LEFT JOIN reality.realtors r ON r.id = l.realtor_id
    WHERE l.agency_id = ${agencyId}::uuid AND l.status <> 'ARCHIVED'
    ORDER BY l.created_at, l.id`);
  return buildFeed(rows.map((row) => ({ ...row, translations: row.translations ?? {} })));
}
