import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { MarkAnnouncementRead } from "@ppt/client-shared/operations";
import { Fact } from "../Fact.tsx";
import { formatAddress, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { AnnouncementActions } from "./AnnouncementActions.tsx";
import { AnnouncementStatusBadge } from "./AnnouncementStatusBadge.tsx";

const AnnouncementDetailQuery = graphql(`
  query AnnouncementDetail($id: ID!) {
    announcement(id: $id) {
      id
      title
      body
      pinned
      commentsEnabled
      status
      publishedAt
      expiresAt
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
      author {
        id
        firstName
        lastName
      }
      comments(first: 100) {
        totalCount
        edges {
          node {
            id
            body
            createdAt
            author {
              id
              firstName
              lastName
            }
          }
        }
      }
    }
  }
`);

const CommentOnAnnouncement = graphql(`
  mutation CommentOnAnnouncement($announcementId: ID!, $body: String!) {
    commentOnAnnouncement(announcementId: $announcementId, body: $body) {
      id
    }
  }
`);

/** One announcement: its text, audience and dates, the caller's read state, and its comments. */
export function AnnouncementDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const staff = usePermission("announcements:write");
  const { data, loading, error } = useQuery(AnnouncementDetailQuery, { variables: { id } });
  const [markRead, marking] = useMutation(MarkAnnouncementRead, { variables: { id } });
  const [sendComment, commenting] = useMutation(CommentOnAnnouncement, { refetchQueries: ["AnnouncementDetail"], awaitRefetchQueries: true });
  const [comment, setComment] = useState("");
  if (error) return <Refused error={error} />;
  const a = data?.announcement;
  if (!a) return loading ? <p className="notice">{t.loading}</p> : <p className="notice">{t.notFound}</p>;
  const audience = a.building
    ? [formatAddress(a.building), a.entrance ? t.buildings.entranceLabel(a.entrance.designation) : null].filter(Boolean).join(", ")
    : t.announcements.wholeOrganization;

  async function submitComment(event: FormEvent) {
    event.preventDefault();
    if (!comment.trim()) return;
    await sendComment({ variables: { announcementId: id, body: comment.trim() } });
    setComment("");
  }

  return (
    <article>
      <p>
        <Link href="/oznamy">{t.back}</Link>
      </p>
      <h1>
        {a.title} {staff && <AnnouncementStatusBadge status={a.status} />}
      </h1>
      <dl className="facts">
        <Fact label={t.announcements.addressedTo} value={audience} />
        <Fact label={t.announcements.author} value={fullName(a.author)} />
        {a.publishedAt && (
          <Fact
            label={t.announcements.publishedAt}
            value={a.status === "SCHEDULED" ? t.announcements.scheduledFor(format.dateTime(a.publishedAt)) : format.dateTime(a.publishedAt)}
          />
        )}
        {a.expiresAt && <Fact label={t.announcements.expiresAt} value={t.announcements.expires(format.dateTime(a.expiresAt))} />}
      </dl>
      <p className="announcement-body">{a.body}</p>
      <p className="actions">
        {a.readByMe ? (
          <span className="muted">{t.announcements.read}</span>
        ) : (
          <button disabled={marking.loading} onClick={() => void markRead().catch(() => undefined)}>
            {t.announcements.markRead}
          </button>
        )}
      </p>
      {marking.error && <Refused error={marking.error} />}
      {staff && <AnnouncementActions id={a.id} status={a.status} />}
      <section className="comments">
        <h2>{t.announcements.comments}</h2>
        {a.comments.edges.length === 0 && <p className="muted">{t.announcements.noComments}</p>}
        <ul className="rows">
          {a.comments.edges.map(({ node }) => (
            <li key={node.id}>
              <strong>{fullName(node.author)}</strong> <span className="muted">{format.dateTime(node.createdAt)}</span>
              <p>{node.body}</p>
            </li>
          ))}
        </ul>
        {a.commentsEnabled && a.status !== "ARCHIVED" ? (
          <form className="composer" onSubmit={(event) => void submitComment(event).catch(() => undefined)}>
            <label>
              {t.announcements.comment}
              <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={10000} />
            </label>
            <button type="submit" disabled={commenting.loading}>
              {t.announcements.sendComment}
            </button>
          </form>
        ) : (
          <p className="muted">{t.announcements.commentsClosed}</p>
        )}
        {commenting.error && <Refused error={commenting.error} />}
      </section>
    </article>
  );
}
