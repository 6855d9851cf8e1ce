import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import type { VoteStatus } from "../generated/graphql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { newVotePath, votesPath } from "./vote-paths.ts";
import { VoteStatusBadge } from "./VoteStatusBadge.tsx";

const PAGE_SIZE = 20;

const Votes = graphql(`
  query Votes($filter: VoteFilter, $first: Int!, $after: String) {
    votes(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          question
          status
          startsAt
          endsAt
          publishedAt
          building {
            id
            street
            streetNumber
            city
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const STATUSES = Object.keys(sk.voteStatus) as VoteStatus[];

/** The votes the caller may see, newest first, filterable by status and building (both in the URL). */
export function VoteList() {
  const { t, format } = useI18n();
  const params = new URLSearchParams(useSearch());
  const requested = params.get("stav");
  const status = STATUSES.find((s) => s === requested) ?? null;
  const buildingId = params.get("budova");
  const [, navigate] = useLocation();
  const staff = usePermission("votes:write");
  const { data, loading, error, fetchMore } = useQuery(Votes, {
    variables: { filter: { ...(status ? { status } : {}), ...(buildingId ? { buildingId } : {}) }, first: PAGE_SIZE },
  });
  const votes = data?.votes;
  return (
    <section>
      <h1>{t.votes.heading}</h1>
      <p className="actions">
        <label className="inline">
          {t.votes.status}{" "}
          <select value={status ?? ""} onChange={(e) => navigate(votesPath({ status: (e.target.value || null) as VoteStatus | null, buildingId }))}>
            <option value="">{t.votes.allStatuses}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.voteStatus[s]}
              </option>
            ))}
          </select>
        </label>
        {buildingId && <Link href={votesPath({ status })}>{t.votes.allBuildings}</Link>}
        {staff && <Link href={newVotePath(buildingId)}>{t.votes.create}</Link>}
      </p>
      {error && <p className="problem">{t.loadFailed}</p>}
      {!votes && loading && <p className="notice">{t.loading}</p>}
      {votes && (
        <>
          <p className="result-count">{t.votes.count(votes.totalCount)}</p>
          {votes.edges.length === 0 ? (
            <p className="notice">{t.votes.none}</p>
          ) : (
            <table className="units votes">
              <thead>
                <tr>
                  <th>{t.votes.title}</th>
                  <th>{t.votes.building}</th>
                  <th>{t.votes.question}</th>
                  <th>{t.votes.status}</th>
                  <th>{t.votes.startsAt}</th>
                  <th>{t.votes.endsAt}</th>
                </tr>
              </thead>
              <tbody>
                {votes.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link href={`/hlasovania/${node.id}`}>{node.title}</Link>
                    </td>
                    <td>{node.building ? formatAddress(node.building) : "—"}</td>
                    <td>{node.question ?? "—"}</td>
                    <td>
                      <VoteStatusBadge status={node.status} />
                    </td>
                    <td>{node.startsAt ? format.dateTime(node.startsAt) : node.publishedAt ? format.dateTime(node.publishedAt) : t.votes.whenPublished}</td>
                    <td>{node.endsAt ? format.dateTime(node.endsAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <LoadMore pageInfo={votes.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
