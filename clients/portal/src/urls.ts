// The portal's public addresses: stable, readable and in Slovak, as Slovak portals have them
// (/byty/predaj/kosice/3-izbovy-byt-s-balkonom-<id>). Only the id at the end identifies a listing;
// the words before it follow the listing's title and place, and the server answers an outdated
// spelling with a 301 to the current one, so links never break when a title changes.
import slugify from "slugify";
import type { Locale } from "@ppt/client-shared";
import type { PropertyType, TransactionType } from "./generated/graphql.ts";

export const PROPERTY_SLUGS: Record<PropertyType, string> = { APARTMENT: "byty", HOUSE: "domy", COMMERCIAL: "komercne", LAND: "pozemky" };
export const TRANSACTION_SLUGS: Record<TransactionType, string> = { SALE: "predaj", RENT: "prenajom" };

const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** "Slnečný 3-izbový byt" → "slnecny-3-izbovy-byt": Slovak diacritics folded, lower case, ASCII only. */
export function slug(text: string): string {
  return slugify(text, { lower: true, strict: true, locale: "sk" }).slice(0, 80).replace(/-+$/, "");
}

export interface ListingAddress {
  id: string;
  title: string;
  propertyType: PropertyType;
  transactionType: TransactionType;
  city: string;
}

/** A listing's canonical path (without the language prefix). */
export function listingPath(listing: ListingAddress): string {
  const words = slug(listing.title);
  return `${categoryPath(listing)}/${words ? `${words}-` : ""}${listing.id}`;
}

/** The id at the end of a listing's or realtor's last path segment, or null. */
export function idFromSlug(segment: string): string | null {
  return UUID_AT_END.exec(segment)?.[1]?.toLowerCase() ?? null;
}

/** A category landing page: one property type, deal and city (/byty/predaj/kosice). */
export function categoryPath(category: { propertyType: PropertyType; transactionType: TransactionType; city: string }): string {
  return `/${PROPERTY_SLUGS[category.propertyType]}/${TRANSACTION_SLUGS[category.transactionType]}/${slug(category.city) || "slovensko"}`;
}

export const CATEGORY_ROUTE = "/:kind/:deal/:city";
export const LISTING_ROUTE = "/:kind/:deal/:city/:slug";
export const AGENCY_ROUTE = "/kancelaria/:slug";
export const REALTOR_ROUTE = "/makler/:slug";

export function agencyPath(agency: { slug: string }): string {
  return `/kancelaria/${agency.slug}`;
}

export function realtorPath(realtor: { id: string; displayName: string }): string {
  const words = slug(realtor.displayName);
  return `/makler/${words ? `${words}-` : ""}${realtor.id}`;
}

/** Stable photo addresses: the portal's server redirects each to a fresh short-lived download link, so pages (and their ETags) do not change every minute. */
export function photoPath(listingId: string, photoId: string): string {
  return `/foto/${listingId}/${photoId}`;
}

/** English pages live under /en; Slovak ones at the root. */
export const LOCALE_BASE: Record<Locale, string> = { sk: "", en: "/en" };

/** The language and the path inside it of a request path ("/en/byty/…" → en, "/byty/…"). */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  if (pathname === "/en" || pathname.startsWith("/en/")) return { locale: "en", path: pathname.slice(3) || "/" };
  return { locale: "sk", path: pathname };
}
