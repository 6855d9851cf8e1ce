import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import type { ListingStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { MyListings } from "./operations.ts";
import { StatusSelect } from "./StatusSelect.tsx";

export const CONSOLE_PAGE_SIZE = 50;

/** "Moje inzeráty": every listing the realtor edits, newest first, filtered by status. */
export function ConsoleListingsPage() {
  const { t, format } = useI18n();
  const [status, setStatus] = useState<ListingStatus | "">("");
  const { data, loading, error, fetchMore } = useQuery(MyListings, {
    variables: { first: CONSOLE_PAGE_SIZE, ...(status ? { status } : {}) },
    fetchPolicy: "cache-and-network",
  });
  const listings = data?.myListings;
  return (
    <section className="console-listings">
      <h2>{t.console.nav.listings}</h2>
      <StatusSelect label={t.console.listings.status} emptyLabel={t.console.listings.anyStatus} value={status} onChange={setStatus} />
      {error && <p className="problem">{t.loadFailed}</p>}
      {!listings && loading && <p className="notice">{t.loading}</p>}
      {listings && <p className="result-count">{t.resultCount(listings.totalCount)}</p>}
      {listings?.edges.length === 0 && <p className="notice">{t.console.listings.none}</p>}
      {listings && listings.edges.length > 0 && (
        <table className="console-table">
          <thead>
            <tr>
              <th>{t.console.listings.title}</th>
              <th>{t.console.listings.status}</th>
              <th>{t.listing.price}</th>
              <th>{t.search.city}</th>
              <th>{t.console.listings.expires}</th>
              <th>{t.console.stats.views}</th>
              <th>{t.console.stats.inquiries}</th>
            </tr>
          </thead>
          <tbody>
            {listings.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link href={`/konzola/inzerat/${node.id}`}>{node.title}</Link>
                </td>
                <td>
                  <span className={`status status-${node.status.toLowerCase()}`}>{t.listingStatus[node.status]}</span>
                </td>
                <td>{format.price(node.price, node.transactionType, t.listing.perMonth)}</td>
                <td>{node.city}</td>
                <td>{node.expiresAt ? format.date(node.expiresAt) : "—"}</td>
                <td>{node.counters?.views ?? 0}</td>
                <td>{node.counters?.inquiries ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {listings?.pageInfo.hasNextPage && (
        <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: listings.pageInfo.endCursor } })}>
          {loading ? t.loading : t.search.loadMore}
        </button>
      )}
    </section>
  );
}
