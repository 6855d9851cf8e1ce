import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { MarkAnnouncementRead } from "@ppt/client-shared/operations";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { AnnouncementStatusBadge } from "./AnnouncementStatusBadge.tsx";

const PAGE_SIZE = 20;

const Announcements = graphql(`
  query Announcements($filter: AnnouncementFilter, $first: Int!, $after: String) {
    announcements(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          body
          pinned
          status
          publishedAt
          readByMe
          building {
            id
            street
            streetNumber
            city
          }
          entrance {
            id
            designation
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

/**
 * The announcements addressed to the caller, pinned first, each marked read or unread (?neprecitane=1
 * shows only the unread). Staff (announcements:write) also see drafts, scheduled and taken-down ones.
 */
export function AnnouncementList() {
  const { t, format } = useI18n();
  const staff = usePermission("announcements:write");
  const unreadOnly = new URLSearchParams(useSearch()).get("neprecitane") === "1";
  const [, navigate] = useLocation();
  const { data, loading, error, fetchMore } = useQuery(Announcements, {
    variables: { filter: { unreadOnly, includeUnpublished: staff }, first: PAGE_SIZE },
  });
  const [markRead, marking] = useMutation(MarkAnnouncementRead);
  const list = data?.announcements;
  return (
    <section>
      <h1>{t.announcements.heading}</h1>
      <p className="actions">
        <label className="inline">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => navigate(e.target.checked ? "/oznamy?neprecitane=1" : "/oznamy")} />{" "}
          {t.announcements.unreadOnly}
        </label>
        {staff && <Link href="/oznamy/novy">{t.announcements.compose}</Link>}
      </p>
      {error && <p className="problem">{t.loadFailed}</p>}
      {marking.error && <Refused error={marking.error} />}
      {!list && loading && <p className="notice">{t.loading}</p>}
      {list && (
        <>
          <p className="result-count">{t.announcements.count(list.totalCount)}</p>
          {list.edges.length === 0 ? (
            <p className="notice">{t.announcements.none}</p>
          ) : (
            <ul className="rows announcements">
              {list.edges.map(({ node }) => (
                <li key={node.id} className={node.readByMe ? "read" : "unread-item"}>
                  <Link href={`/oznamy/${node.id}`}>
                    <strong>{node.title}</strong>
                  </Link>
                  {node.pinned && <span className="badge">{t.announcements.pinned}</span>}
                  {staff && node.status !== "PUBLISHED" && <AnnouncementStatusBadge status={node.status} />}
                  <span className={node.readByMe ? "muted" : "badge unread"}>{node.readByMe ? t.announcements.read : t.announcements.unread}</span>
                  <span className="muted">
                    {[
                      node.building ? formatAddress(node.building) : t.announcements.wholeOrganization,
                      node.entrance ? t.buildings.entranceLabel(node.entrance.designation) : null,
                      node.publishedAt ? format.dateTime(node.publishedAt) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                  {!node.readByMe && (
                    <button
                      className="secondary"
                      disabled={marking.loading}
                      aria-label={`${t.announcements.markRead}: ${node.title}`}
                      onClick={() => void markRead({ variables: { id: node.id } }).catch(() => undefined)}
                    >
                      {t.announcements.markRead}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <LoadMore pageInfo={list.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
