import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import type { VoteStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

// Each answers with the vote's new state; the detail query is read again for what the step
// changes around it (the frozen electorate, the tally, the caller's units).
const PublishVote = graphql(`
  mutation PublishVote($id: ID!) {
    publishVote(id: $id) {
      id
      status
      publishedAt
    }
  }
`);

const CloseVote = graphql(`
  mutation CloseVote($id: ID!) {
    closeVote(id: $id) {
      id
      status
      closedAt
    }
  }
`);

const CancelVote = graphql(`
  mutation CancelVote($id: ID!, $reason: String) {
    cancelVote(id: $id, reason: $reason) {
      id
      status
      cancelledAt
    }
  }
`);

const refetch = { refetchQueries: ["VoteDetail"], awaitRefetchQueries: true };

/** Staff (votes:write): open a draft, close an open vote now, or cancel either. */
export function VoteActions({ voteId, status }: { voteId: string; status: VoteStatus }) {
  const { t } = useI18n();
  const [publish, publishing] = useMutation(PublishVote, refetch);
  const [close, closing] = useMutation(CloseVote, refetch);
  const [cancel, cancelling] = useMutation(CancelVote, refetch);
  const [reason, setReason] = useState("");
  if (status !== "DRAFT" && status !== "PUBLISHED") return null;
  const busy = publishing.loading || closing.loading || cancelling.loading;
  const error = publishing.error ?? closing.error ?? cancelling.error;
  const variables = { id: voteId };
  return (
    <section>
      <h2>{t.votes.manage}</h2>
      <p className="actions">
        {status === "DRAFT" && (
          <button disabled={busy} onClick={() => void publish({ variables }).catch(() => undefined)}>
            {t.votes.publish}
          </button>
        )}
        {status === "PUBLISHED" && (
          <button disabled={busy} onClick={() => void close({ variables }).catch(() => undefined)}>
            {t.votes.close}
          </button>
        )}
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t.votes.cancelReason} aria-label={t.votes.cancelReason} />
        <button
          className="secondary"
          disabled={busy}
          onClick={() => void cancel({ variables: { ...variables, reason: reason.trim() || null } }).catch(() => undefined)}
        >
          {t.votes.cancel}
        </button>
      </p>
      {error && <Refused error={error} />}
    </section>
  );
}
