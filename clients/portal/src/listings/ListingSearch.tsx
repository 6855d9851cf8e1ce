import { useQuery } from "@apollo/client/react";
import { useLocation, useSearch } from "wouter";
import { SaveSearch } from "../favorites/SaveSearch.tsx";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ListingCard } from "./ListingCard.tsx";
import { RecentlyViewed } from "./RecentlyViewed.tsx";
import { SearchForm } from "./SearchForm.tsx";
import { usePageHead } from "../ssr/head.tsx";
import { filterFromSearch, paramsFromSearch, searchFromParams, searchHref, type SearchForm as Search } from "./search-params.ts";

const PAGE_SIZE = 12;

export const SearchListings = graphql(`
  query SearchListings($filter: ListingFilter, $first: Int!, $after: String) {
    searchListings(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...ListingCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      facets {
        cities {
          value
          count
        }
      }
    }
  }
`);

/** The portal's home: filters, the result count, result cards and "load more" by cursor. */
export function ListingSearch() {
  const { t } = useI18n();
  const query = useSearch();
  const [, navigate] = useLocation();
  const search = searchFromParams(new URLSearchParams(query));
  const { data, loading, error, fetchMore } = useQuery(SearchListings, {
    variables: { filter: filterFromSearch(search), first: PAGE_SIZE },
  });
  const result = data?.searchListings;
  const params = paramsFromSearch(search).toString();
  const place = [search.city, search.transactionType ? t.transactionType[search.transactionType].toLowerCase() : ""].filter(Boolean).join(", ");
  usePageHead({
    title: place ? `${t.profiles.searchTitle(place)} | ${t.appName}` : `${t.appName} – ${t.tagline}`,
    description: result ? `${t.resultCount(result.totalCount)} · ${t.tagline}` : t.tagline,
    // The filters the form offers, in one order: the same search has one address.
    canonicalPath: params ? `/?${params}` : "/",
  });

  function runSearch(next: Search) {
    navigate(searchHref(next));
  }

  return (
    <section className="listing-search">
      <h1>{t.search.heading}</h1>
      {/* Keyed by the URL so the form shows the search that is in the address bar. */}
      <SearchForm key={query} initial={search} cities={result?.facets.cities ?? []} onSearch={runSearch} />
      <SaveSearch key={`save-${query}`} search={search} />
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {result && (
        <>
          <p className="result-count" aria-live="polite">
            {t.resultCount(result.totalCount)}
          </p>
          {result.edges.length === 0 && <p className="notice">{t.search.noResults}</p>}
          <div className="results">
            {result.edges.map((edge) => (
              <ListingCard key={edge.node.id} listing={edge.node} />
            ))}
          </div>
          {result.pageInfo.hasNextPage && (
            <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: result.pageInfo.endCursor } })}>
              {loading ? t.loading : t.search.loadMore}
            </button>
          )}
        </>
      )}
      {!result && loading && <p className="notice">{t.loading}</p>}
      <RecentlyViewed />
    </section>
  );
}
