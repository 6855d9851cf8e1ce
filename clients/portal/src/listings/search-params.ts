// The search lives in the URL (?mesto=Košice&ponuka=predaj&od=100000&do=200000), so a result
// page can be shared, bookmarked and rendered on the server.
import type { ListingFilter, TransactionType } from "../generated/graphql.ts";
import { parsePriceInput } from "../format.ts";

export interface SearchForm {
  city: string;
  transactionType: TransactionType | "";
  minPrice: string;
  maxPrice: string;
}

const TRANSACTION_SLUGS: Record<TransactionType, string> = { SALE: "predaj", RENT: "prenajom" };

export const emptySearch: SearchForm = { city: "", transactionType: "", minPrice: "", maxPrice: "" };

export function searchFromParams(params: URLSearchParams): SearchForm {
  const slug = params.get("ponuka");
  const transactionType = (Object.keys(TRANSACTION_SLUGS) as TransactionType[]).find((type) => TRANSACTION_SLUGS[type] === slug) ?? "";
  return {
    city: params.get("mesto")?.trim() ?? "",
    transactionType,
    minPrice: parsePriceInput(params.get("od") ?? "") ?? "",
    maxPrice: parsePriceInput(params.get("do") ?? "") ?? "",
  };
}

export function paramsFromSearch(search: SearchForm): URLSearchParams {
  const params = new URLSearchParams();
  if (search.city) params.set("mesto", search.city);
  if (search.transactionType) params.set("ponuka", TRANSACTION_SLUGS[search.transactionType]);
  if (search.minPrice) params.set("od", search.minPrice);
  if (search.maxPrice) params.set("do", search.maxPrice);
  return params;
}

/** The API filter for a (validated) search: empty fields are left out. */
export function filterFromSearch(search: SearchForm): ListingFilter {
  return {
    ...(search.city ? { city: search.city } : {}),
    ...(search.transactionType ? { transactionType: search.transactionType } : {}),
    ...(search.minPrice ? { minPrice: search.minPrice } : {}),
    ...(search.maxPrice ? { maxPrice: search.maxPrice } : {}),
  };
}

/**
 * The search form for a saved search's filter (as the server stored it: ListingFilter fields plus
 * `terms`). Fields this form does not offer are left out of the link (the saved search keeps them).
 */
export function searchFromSavedFilter(filter: unknown): SearchForm {
  const saved = (filter ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const transactionType = saved.transactionType === "SALE" || saved.transactionType === "RENT" ? saved.transactionType : "";
  return {
    city: text(saved.city),
    transactionType,
    minPrice: parsePriceInput(text(saved.minPrice)) ?? "",
    maxPrice: parsePriceInput(text(saved.maxPrice)) ?? "",
  };
}

/** The search page's address for a search. */
export function searchHref(search: SearchForm): string {
  const params = paramsFromSearch(search).toString();
  return params ? `/?${params}` : "/";
}
