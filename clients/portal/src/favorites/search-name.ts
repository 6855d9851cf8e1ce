import type { SearchForm } from "../listings/search-params.ts";
import type { Formatter } from "../format.ts";
import type { Messages } from "../i18n/sk.ts";

/** A readable name for a search, offered when saving it: "Košice · Predaj · od 100 000 €" (in the reader's language). */
export function searchName(search: SearchForm, t: Messages, format: Formatter): string {
  const parts = [
    search.city,
    search.transactionType ? t.transactionType[search.transactionType] : "",
    search.minPrice ? `${t.savedSearches.priceFrom} ${format.money(search.minPrice, "EUR")}` : "",
    search.maxPrice ? `${t.savedSearches.priceTo} ${format.money(search.maxPrice, "EUR")}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : t.savedSearches.allListings;
}
