import { useApolloClient, useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { attempt } from "@ppt/client-shared";
import type { MyViewingsQuery as MyViewingsData } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { cancelViewing, MyViewingsQuery, VIEWINGS_PAGE_SIZE } from "./viewings.ts";

type Viewing = MyViewingsData["myViewings"]["edges"][number]["node"];

/** The signed-in visitor's viewing requests, newest first: the times proposed, the state, the confirmed time. */
export function MyViewings() {
  const { t } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(MyViewingsQuery, { variables: { first: VIEWINGS_PAGE_SIZE } });
  const viewings = data?.myViewings;
  return (
    <section className="my-viewings">
      <h2>{t.viewings.heading}</h2>
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {!viewings && loading && <p className="notice">{t.loading}</p>}
      {viewings?.edges.length === 0 && <p className="notice">{t.viewings.none}</p>}
      {viewings && viewings.edges.length > 0 && (
        <ul className="item-list">
          {viewings.edges.map((edge) => (
            <ViewingItem key={edge.node.id} viewing={edge.node} />
          ))}
        </ul>
      )}
      {viewings?.pageInfo.hasNextPage && (
        <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: viewings.pageInfo.endCursor } })}>
          {loading ? t.loading : t.search.loadMore}
        </button>
      )}
    </section>
  );
}

function ViewingItem({ viewing }: { viewing: Viewing }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const { problem, busy, run } = useSubmit((m) => m.viewings.cancelRefused);
  return (
    <li className="viewing">
      <p className="kind">
        {viewing.listing ? <Link href={`/inzerat/${viewing.listing.id}`}>{viewing.listing.title}</Link> : t.inquiries.listingGone} ·{" "}
        <span className="viewing-status">{t.viewingStatus[viewing.status]}</span> · {t.inquiries.sentAt} {format.dateTime(viewing.createdAt)}
      </p>
      {viewing.confirmedTime ? (
        <p>
          {t.viewings.confirmedFor}: {format.dateTime(viewing.confirmedTime)}
        </p>
      ) : (
        <p>
          {t.viewings.proposed}: {viewing.proposedTimes.map((time) => format.dateTime(time)).join(", ")}
        </p>
      )}
      {viewing.message && <p className="message">{viewing.message}</p>}
      {viewing.status === "REQUESTED" && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => attempt(() => cancelViewing(client, viewing.id)))}>
          {t.viewings.cancel}
        </button>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
