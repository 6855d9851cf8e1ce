import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { Refused } from "../Refused.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { notificationHref } from "./notification-link.ts";

const Notifications = graphql(`
  query Notifications($first: Int!, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      unreadCount
      edges {
        cursor
        node {
          id
          kind
          category
          title
          body
          data
          read
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MarkNotificationsRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);

/** /upozornenia: the caller's notifications, newest first; new ones appear live (see live-notifications.ts). */
export function NotificationCentre() {
  const { t, format } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(Notifications, { variables: { first: 20, unreadOnly } });
  const [markRead, marking] = useMutation(MarkNotificationsRead, { refetchQueries: ["Notifications", "UnreadNotificationCount"] });
  const list = data?.notifications;
  return (
    <section>
      <h1>{t.notifications.heading}</h1>
      <p className="toolbar">
        <label className="inline">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t.notifications.unreadOnly}
        </label>
        <button
          type="button"
          className="secondary"
          disabled={!list?.unreadCount || marking.loading}
          onClick={() => void markRead({ variables: { all: true } })}
        >
          {t.notifications.markAllRead}
        </button>
        <Link href="/nastavenia/upozornenia">{t.notifications.preferences}</Link>
      </p>
      <p className="live">{t.notifications.live}</p>
      {error && <Refused error={error} />}
      {marking.error && <Refused error={marking.error} />}
      {loading && !list && <p className="notice">{t.loading}</p>}
      {list && list.edges.length === 0 && <p className="notice">{t.notifications.none}</p>}
      <ul className="notifications">
        {list?.edges.map(({ node }) => {
          const href = notificationHref(node.data);
          return (
            <li key={node.id} className={node.read ? "notice-read" : "notice-unread"}>
              <strong>{node.title}</strong> <span className="category">{t.notificationCategory[node.category]}</span>
              {!node.read && <span className="badge">{t.notifications.unread}</span>}
              {node.body && <p>{node.body}</p>}
              <time dateTime={node.createdAt}>{format.dateTime(node.createdAt)}</time> {href && <Link href={href}>{t.notifications.open}</Link>}{" "}
              {!node.read && (
                <button type="button" className="secondary" disabled={marking.loading} onClick={() => void markRead({ variables: { ids: [node.id] } })}>
                  {t.notifications.markRead}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {list && <LoadMore pageInfo={list.pageInfo} loading={loading} fetchMore={fetchMore} />}
    </section>
  );
}
