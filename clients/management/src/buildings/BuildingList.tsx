import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { usePermission } from "../session/SessionContext.tsx";

const PAGE_SIZE = 20;

const Buildings = graphql(`
  query Buildings($filter: BuildingFilter, $first: Int!, $after: String) {
    buildings(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          street
          streetNumber
          city
          postalCode
          yearBuilt
          totalFloors
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The buildings the caller may see, searchable (the search is in the URL: ?hladat=…). */
export function BuildingList() {
  const { t } = useI18n();
  const query = new URLSearchParams(useSearch()).get("hladat")?.trim() ?? "";
  const [, navigate] = useLocation();
  const { data, loading, error, fetchMore } = useQuery(Buildings, {
    variables: { filter: query ? { search: query } : {}, first: PAGE_SIZE },
  });
  const buildings = data?.buildings;
  const setsUp = usePermission("buildings:write");

  return (
    <section>
      <h1>{t.buildings.heading}</h1>
      {setsUp && (
        <p className="actions">
          <Link href="/budovy/nova">{t.setup.newBuilding}</Link>
        </p>
      )}
      <SearchBox key={query} initial={query} onSearch={(text) => navigate(text ? `/budovy?hladat=${encodeURIComponent(text)}` : "/budovy")} />
      {error && <p className="problem">{t.loadFailed}</p>}
      {!buildings && loading && <p className="notice">{t.loading}</p>}
      {buildings && (
        <>
          <p className="result-count">{t.buildings.count(buildings.totalCount)}</p>
          {buildings.edges.length === 0 && <p className="notice">{t.buildings.none}</p>}
          <ul className="rows">
            {buildings.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/budovy/${node.id}`}>
                  <strong>{formatAddress(node)}</strong>
                  {node.name && <span className="muted"> · {node.name}</span>}
                </Link>
                <span className="muted">
                  {node.postalCode}
                  {node.yearBuilt != null && ` · ${t.buildings.yearBuilt} ${node.yearBuilt}`}
                </span>
              </li>
            ))}
          </ul>
          <LoadMore pageInfo={buildings.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (text: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }
  return (
    <form className="search" role="search" onSubmit={submit}>
      <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t.buildings.search} aria-label={t.buildings.search} />
      <button type="submit">{t.buildings.searchButton}</button>
    </form>
  );
}
