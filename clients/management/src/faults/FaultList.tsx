import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { graphql } from "../generated/gql.ts";
import type { FaultStatus } from "../generated/graphql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { FaultBoard } from "./FaultBoard.tsx";
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

/**
 * Every fault the caller may see, newest first, filterable by status (?stav=NEW); or, for a
 * manager, as a board of columns by status (?pohlad=tabula) where each card moves on.
 */
export function FaultList() {
  const { t } = useI18n();
  const search = new URLSearchParams(useSearch());
  const board = search.get("pohlad") === "tabula";
  const requested = search.get("stav");
  const status = STATUSES.find((s) => s === requested);
  const [, navigate] = useLocation();
  const { data, loading, error, fetchMore } = useQuery(Faults, {
    variables: { filter: status ? { status: [status] } : {}, first: PAGE_SIZE },
  });
  const faults = data?.faults;
  return (
    <section>
      <h1>{t.faults.heading}</h1>
      <p className="actions">
        <Link href="/poruchy/nahlasit">{t.report.heading}</Link>
        {board ? <Link href="/poruchy">{t.board.list}</Link> : <Link href="/poruchy?pohlad=tabula">{t.board.board}</Link>}
      </p>
      <label className="inline">
        {t.faults.status}{" "}
        <select value={status ?? ""} onChange={(e) => navigate(e.target.value ? `/poruchy?stav=${e.target.value}` : "/poruchy")}>
          <option value="">{t.faults.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.faultStatus[s]}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="problem">{t.loadFailed}</p>}
      {!faults && loading && <p className="notice">{t.loading}</p>}
      {faults && (
        <>
          <p className="result-count">{t.faults.count(faults.totalCount)}</p>
          {board ? <FaultBoard faults={faults.edges.map((edge) => edge.node)} /> : <FaultRows faults={faults.edges.map((edge) => edge.node)} showBuilding />}
          <LoadMore pageInfo={faults.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
