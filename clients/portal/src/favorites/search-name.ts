import { formatMoney } from "../format.ts";
import type { SearchForm } from "../listings/search-params.ts";
import { sk } from "../strings.ts";

/** A readable name for a search, offered when saving it: "Košice · Predaj · od 100 000 €". */
export function searchName(search: SearchForm): string {
  const parts = [
    search.city,
    search.transactionType ? sk.transactionType[search.transactionType] : "",
    search.minPrice ? `${sk.savedSearches.priceFrom} ${formatMoney(search.minPrice, "EUR")}` : "",
    search.maxPrice ? `${sk.savedSearches.priceTo} ${formatMoney(search.maxPrice, "EUR")}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : sk.savedSearches.allListings;
}
