import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import type { PropertyType, TransactionType } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ListingCategoriesQuery } from "../ssr/queries.ts";
import { usePageHead } from "../ssr/head.tsx";
import { categoryPath, PROPERTY_SLUGS, TRANSACTION_SLUGS } from "../urls.ts";
import { landingCategories } from "./categories.ts";
import { ListingCard } from "./ListingCard.tsx";
import { SearchListings } from "./ListingSearch.tsx";
import { searchHref } from "./search-params.ts";

const PAGE_SIZE = 12;

const keyOf = <K extends string>(slugs: Record<K, string>, value: string) => (Object.keys(slugs) as K[]).find((key) => slugs[key] === value);

/**
 * A category landing page (/byty/predaj/kosice): the published listings of one property type and
 * deal in one city, server-rendered with a title, description and canonical address of its own, so
 * the page a search engine lists for "byty na predaj Košice" is this one. A category without
 * published listings (or an unknown kind) answers 404; the city's spelling comes from the listings.
 */
export function CategoryPage({ kind, deal, city: citySlug }: { kind: string; deal: string; city: string }) {
  const { t } = useI18n();
  const propertyType = keyOf<PropertyType>(PROPERTY_SLUGS, kind);
  const transactionType = keyOf<TransactionType>(TRANSACTION_SLUGS, deal);
  const categories = useQuery(ListingCategoriesQuery, { skip: !propertyType || !transactionType });
  const category =
    propertyType && transactionType
      ? landingCategories(categories.data?.listingCategories ?? []).find(
          (c) => c.propertyType === propertyType && c.transactionType === transactionType && c.path === `/${kind}/${deal}/${citySlug}`,
        )
      : undefined;
  const filter = category ? { propertyType: category.propertyType, transactionType: category.transactionType, city: category.city } : {};
  const { data, loading, fetchMore } = useQuery(SearchListings, { variables: { filter, first: PAGE_SIZE }, skip: !category });
  const missing = !propertyType || !transactionType || (categories.data && !category);
  const heading = category ? t.category.heading(category.propertyType, category.transactionType, category.city) : t.notFound;
  const result = data?.searchListings;
  usePageHead(
    missing
      ? { title: `${t.notFound} | ${t.appName}`, status: 404 }
      : {
          title: `${heading} | ${t.appName}`,
          description: result ? `${heading}: ${t.resultCount(result.totalCount)} · ${t.tagline}` : t.tagline,
          ...(category ? { canonicalPath: categoryPath(category) } : {}),
        },
  );
  if (missing) return <p className="notice">{t.notFound}</p>;
  return (
    <section className="listing-search category-page">
      <h1>{heading}</h1>
      {category && (
        <p>
          <Link href={searchHref({ city: category.city, transactionType: category.transactionType, minPrice: "", maxPrice: "" })}>{t.category.allSearch}</Link>
        </p>
      )}
      {result && (
        <>
          <p className="result-count">{t.resultCount(result.totalCount)}</p>
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
      {!result && <p className="notice">{t.loading}</p>}
    </section>
  );
}
