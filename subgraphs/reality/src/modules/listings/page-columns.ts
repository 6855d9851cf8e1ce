// Which columns a page of listings reads: the model fields the query's Listing fields are
// resolved from. A search page of a dozen fields then reads, sends and parses those columns, not
// all forty (descriptions, translations, timestamps): the largest share of a page's cost in
// PostgreSQL and in the subgraph.
import type { Listing } from "@ppt/db/client";

function readItself(...fields: (keyof Listing)[]): Record<string, readonly (keyof Listing)[]> {
  return Object.fromEntries(fields.map((field) => [field, [field]] as const));
}

/**
 * What each Listing field's resolver reads of the row (resolvers.ts, and favorites' savedByMe).
 * A field missing here (description, counters, similar, one added later) makes the page read
 * whole rows: only fields whose resolvers are known to read no more are listed.
 */
const READS: Readonly<Record<string, readonly (keyof Listing)[]>> = {
  __typename: [],
  id: ["id"],
  // Fields of the same name on the model, resolved by default.
  ...readItself(
    "title",
    "propertyType",
    "transactionType",
    "status",
    "rooms",
    "bathrooms",
    "floor",
    "totalFloors",
    "yearBuilt",
    "energyClass",
    "features",
    "city",
    "district",
    "postalCode",
    "country",
    "addressVisibility",
    "isFeatured",
    "publishedAt",
    "expiresAt",
  ),
  price: ["price", "currency"],
  sizeSqm: ["sizeSqm"],
  landSizeSqm: ["landSizeSqm"],
  street: ["addressVisibility", "street", "streetNumber"],
  latitude: ["addressVisibility", "latitude"],
  longitude: ["addressVisibility", "longitude"],
  realtor: ["realtorId"],
  agency: ["agencyId"],
  unit: ["unitId"],
  photos: ["id"],
  priceHistory: ["id"],
  savedByMe: ["id"],
};

/** The Listing fields whose reads are known (tests check each against whole rows). */
export const FIELDS_WITH_KNOWN_READS: readonly string[] = Object.keys(READS);

/**
 * The model fields that the Listing fields `selected` (names, not aliases) are resolved from, and
 * the id; null (whole rows) when one of them is not known to read less.
 */
export function listingFieldsRead(selected: Iterable<string>): ReadonlySet<keyof Listing> | null {
  const fields = new Set<keyof Listing>(["id"]);
  for (const name of selected) {
    const reads = READS[name];
    if (!reads) return null;
    for (const field of reads) fields.add(field);
  }
  return fields;
}
