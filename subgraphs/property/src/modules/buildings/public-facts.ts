// The narrow public-read path: portal visitors of a PUBLISHED listing may see the facts of its
// unit and building (never its designation, owners or occupants). The data comes from one
// SECURITY DEFINER function made for this purpose (see the security migration), not from a
// bypass of Row-Level Security.
import type { PrismaClient } from "@ppt/server-kit";

export interface PublicBuilding {
  id: string;
  /** Null when the listing shows only the city and district. */
  street: string | null;
  /** Null when the listing shows only the street or district. */
  streetNumber: string | null;
  city: string;
  district: string | null;
  postalCode: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  yearBuilt: number | null;
  totalFloors: number | null;
  amenities: unknown;
}

export interface PublicUnitFacts {
  id: string;
  floor: number | null;
  sizeSqm: string | null;
  rooms: number | null;
  type: string;
  building: PublicBuilding;
}

interface Row {
  unit_id: string;
  building_id: string;
  floor: number | null;
  size_sqm: string | null;
  rooms: number | null;
  unit_type: string;
  /** Null when the listing shows only the city and district. */
  street: string | null;
  street_number: string | null;
  city: string;
  district: string | null;
  postal_code: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  year_built: number | null;
  total_floors: number | null;
  amenities: unknown;
}

export async function loadPublicUnitFacts(db: PrismaClient, unitIds: string[]): Promise<PublicUnitFacts[]> {
  const rows = await db.$queryRaw<Row[]>`SELECT * FROM property.published_unit_facts(${unitIds}::uuid[])`;
  return rows.map((row) => ({
    id: row.unit_id,
    floor: row.floor,
    sizeSqm: row.size_sqm === null ? null : String(row.size_sqm),
    rooms: row.rooms,
    type: row.unit_type,
    building: {
      id: row.building_id,
      street: row.street,
      streetNumber: row.street_number,
      city: row.city,
      district: row.district,
      postalCode: row.postal_code,
      country: row.country,
      latitude: row.latitude,
      longitude: row.longitude,
      yearBuilt: row.year_built,
      totalFloors: row.total_floors,
      amenities: row.amenities,
    },
  }));
}
