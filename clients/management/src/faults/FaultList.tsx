import { useQuery } from "@apollo/client/react";
import { useLocation, useSearch } from "wouter";
import { graphql } from "../generated/gql.ts";
import type { FaultStatus } from "../generated/graphql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { sk } from "../strings.ts";
import { FaultRows } from "./FaultRows.tsx";

const PAGE_SIZE = 20;

const Faults = graphql(`
  query Faults($filter: FaultFilter, $first: Int!, $after: String) {
    faults(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...FaultRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const STATUSES = Object.keys(sk.faultStatus) as FaultStatus[];

/** Every fault the caller may see, newest first, filterable by status (?stav=NEW). */
export function FaultList() {
  const requested = new URLSearchParams(useSearch()).get("stav");
  const status = STATUSES.find((s) => s === requested);
  const [, navigate] = useLocation();
  const { data, loading, error, fetchMore } = useQuery(Faults, {
    variables: { filter: status ? { status: [status] } : {}, first: PAGE_SIZE },
  });
  const faults = data?.faults;
  return (
    <section>
      <h1>{sk.faults.heading}</h1>
      <label className="inline">
        {sk.faults.status}{" "}
        <select value={status ?? ""} onChange={(e) => navigate(e.target.value ? `/poruchy?stav=${e.target.value}` : "/poruchy")}>
          <option value="">{sk.faults.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {sk.faultStatus[s]}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="problem">{sk.loadFailed}</p>}
      {!faults && loading && <p className="notice">{sk.loading}</p>}
      {faults && (
        <>
          <p className="result-count">{sk.faults.count(faults.totalCount)}</p>
          <FaultRows faults={faults.edges.map((edge) => edge.node)} showBuilding />
          <LoadMore pageInfo={faults.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
