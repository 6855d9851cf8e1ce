// Category landing pages (/byty/predaj/kosice): one per property type, deal and city with published
// listings. The API groups cities as listings spell them; spellings that share a slug ("Košice",
// "KOŠICE") are one page, named by the spelling most listings use (the API answers most first).
import type { ListingCategoriesQuery } from "../generated/graphql.ts";
import { categoryPath } from "../urls.ts";

export type CategoryRow = ListingCategoriesQuery["listingCategories"][number];

export interface LandingCategory extends CategoryRow {
  path: string;
}

export function landingCategories(rows: readonly CategoryRow[]): LandingCategory[] {
  const byPath = new Map<string, LandingCategory>();
  for (const row of rows) {
    const path = categoryPath(row);
    const seen = byPath.get(path);
    if (seen) seen.listingCount += row.listingCount;
    else byPath.set(path, { ...row, path });
  }
  return [...byPath.values()];
}
