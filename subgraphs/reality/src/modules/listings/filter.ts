// The listing filter, validated once: what searches and saved searches both accept.
import { parseInput } from "@ppt/server-kit";
import { z } from "zod";
import { normalizeQuery } from "./search-vocabulary.ts";

const decimal = z
  .string()
  .trim()
  .regex(/^\d{1,13}(\.\d{1,2})?$/, "a non-negative decimal with at most 2 decimal places");

const propertyType = z.enum(["APARTMENT", "HOUSE", "COMMERCIAL", "LAND"]);

export const featureKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "a feature key (lower-case letters, digits, - and _)");

export const listingFilterSchema = z
  .object({
    query: z.string().max(200).nullish(),
    transactionType: z.enum(["SALE", "RENT"]).nullish(),
    propertyType: propertyType.nullish(),
    propertyTypes: z.array(propertyType).max(4).nullish(),
    city: z.string().trim().min(1).max(100).nullish(),
    district: z.string().trim().min(1).max(100).nullish(),
    minPrice: decimal.nullish(),
    maxPrice: decimal.nullish(),
    minSizeSqm: decimal.nullish(),
    maxSizeSqm: decimal.nullish(),
    minRooms: z.number().int().min(0).max(100).nullish(),
    maxRooms: z.number().int().min(0).max(100).nullish(),
    features: z.array(featureKey).max(30).nullish(),
    boundingBox: z
      .object({
        south: z.number().min(-90).max(90),
        west: z.number().min(-180).max(180),
        north: z.number().min(-90).max(90),
        east: z.number().min(-180).max(180),
      })
      .refine((b) => b.south <= b.north && b.west <= b.east, "south must not exceed north, nor west east")
      .nullish(),
    radius: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        radiusKm: z.number().positive().max(500),
      })
      .nullish(),
  })
  .strict();

export type ListingFilterInput = z.input<typeof listingFilterSchema>;

/** A filter ready for SQL: words split and cleaned, types merged. */
export interface SearchFilter {
  terms: string[];
  transactionType?: "SALE" | "RENT";
  propertyTypes?: string[];
  city?: string;
  district?: string;
  minPrice?: string;
  maxPrice?: string;
  minSizeSqm?: string;
  maxSizeSqm?: string;
  minRooms?: number;
  maxRooms?: number;
  features?: string[];
  boundingBox?: { south: number; west: number; north: number; east: number };
  radius?: { latitude: number; longitude: number; radiusKm: number };
}

/**
 * Query words: folded, the listing vocabulary written one way ("3 izbový" → "3-izbovy", see
 * search-vocabulary.ts), then letters, digits and inner hyphens only ("3-izbový" stays one word),
 * so nothing a user types can act as a tsquery operator; at most 10 words.
 */
export function queryTerms(query: string | null | undefined): string[] {
  if (!query) return [];
  return normalizeQuery(query)
    .split(/\s+/)
    .map((word) =>
      word
        .replace(/[^\p{L}\p{N}-]/gu, "")
        .replace(/^-+|-+$/g, "")
        .replace(/-{2,}/g, "-"),
    )
    .filter((word) => word.length > 0)
    .slice(0, 10)
    .map((word) => word.slice(0, 64));
}

function dropNulls<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as never;
}

export function parseListingFilter(input: unknown): SearchFilter {
  const { query, propertyType: single, propertyTypes, ...rest } = dropNulls(parseInput(listingFilterSchema, input ?? {}, "filter"));
  const types = [...new Set([...(single ? [single] : []), ...(propertyTypes ?? [])])];
  return { ...(dropNulls(rest) as Omit<SearchFilter, "terms" | "propertyTypes">), terms: queryTerms(query), ...(types.length ? { propertyTypes: types } : {}) };
}
