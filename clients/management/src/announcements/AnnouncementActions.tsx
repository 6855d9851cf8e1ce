import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Link } from "wouter";
import { graphql } from "../generated/gql.ts";
import type { AnnouncementStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

const PublishAnnouncement = graphql(`
  mutation PublishAnnouncement($id: ID!, $publishAt: DateTime) {
    publishAnnouncement(id: $id, publishAt: $publishAt) {
      id
      status
      publishedAt
    }
  }
`);

const ArchiveAnnouncement = graphql(`
  mutation ArchiveAnnouncement($id: ID!) {
    archiveAnnouncement(id: $id) {
      id
      status
    }
  }
`);

const refetch = { refetchQueries: ["AnnouncementDetail", "Announcements"] };

/**
 * Staff (announcements:write): edit, publish a draft now or at a later instant, or take it down
 * (ARCHIVED is the API's unpublish: residents stop seeing it, comments close).
 */
export function AnnouncementActions({ id, status }: { id: string; status: AnnouncementStatus }) {
  const { t } = useI18n();
  const [publish, publishing] = useMutation(PublishAnnouncement, refetch);
  const [archive, archiving] = useMutation(ArchiveAnnouncement, refetch);
  const [publishAt, setPublishAt] = useState("");
  const busy = publishing.loading || archiving.loading;
  const error = publishing.error ?? archiving.error;
  return (
    <section>
      <p className="actions">
        {status !== "ARCHIVED" && <Link href={`/oznamy/${id}/upravit`}>{t.announcements.edit}</Link>}
        {(status === "DRAFT" || status === "SCHEDULED") && (
          <button disabled={busy} onClick={() => void publish({ variables: { id } }).catch(() => undefined)}>
            {t.announcements.publish}
          </button>
        )}
        {status !== "ARCHIVED" && (
          <button className="secondary" disabled={busy} onClick={() => void archive({ variables: { id } }).catch(() => undefined)}>
            {t.announcements.archive}
          </button>
        )}
      </p>
      {status === "DRAFT" && (
        <p className="actions">
          <label className="inline">
            {t.announcements.publishAt} <input type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
          </label>
          <button
            className="secondary"
            disabled={busy || !publishAt}
            onClick={() => void publish({ variables: { id, publishAt: new Date(publishAt).toISOString() } }).catch(() => undefined)}
          >
            {t.announcements.schedule}
          </button>
        </p>
      )}
      {error && <Refused error={error} />}
    </section>
  );
}
