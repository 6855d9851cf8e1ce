import { useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { attempt } from "@ppt/client-shared";
import { FormActions } from "../FormActions.tsx";
import type { ReceivedInquiriesQuery, ReceivedViewingsQuery } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { ConfirmViewing, DeclineViewing, ReceivedInquiries, ReceivedViewings, RespondToInquiry } from "./operations.ts";

type Inquiry = ReceivedInquiriesQuery["receivedInquiries"]["edges"][number]["node"];
type Viewing = ReceivedViewingsQuery["receivedViewings"]["edges"][number]["node"];

/** The realtor's inbox: inquiries about their listings (answered here) and viewing requests (a proposed time confirmed, or declined). */
export function InboxPage() {
  const { t } = useI18n();
  const inquiries = useQuery(ReceivedInquiries, { fetchPolicy: "cache-and-network" });
  const viewings = useQuery(ReceivedViewings, { fetchPolicy: "cache-and-network" });
  return (
    <section className="inbox">
      <h2>{t.console.inbox.inquiries}</h2>
      {inquiries.error && <p className="problem">{t.loadFailed}</p>}
      {inquiries.data?.receivedInquiries.edges.length === 0 && <p className="notice">{t.console.inbox.noInquiries}</p>}
      <ul className="item-list">
        {inquiries.data?.receivedInquiries.edges.map(({ node }) => (
          <InquiryThread key={node.id} inquiry={node} />
        ))}
      </ul>
      <h2>{t.console.inbox.viewings}</h2>
      {viewings.error && <p className="problem">{t.loadFailed}</p>}
      {viewings.data?.receivedViewings.edges.length === 0 && <p className="notice">{t.console.inbox.noViewings}</p>}
      <ul className="item-list">
        {viewings.data?.receivedViewings.edges.map(({ node }) => (
          <ViewingRequest key={node.id} viewing={node} />
        ))}
      </ul>
    </section>
  );
}

function InquiryThread({ inquiry }: { inquiry: Inquiry }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const [reply, setReply] = useState("");
  const { problem, busy, run } = useSubmit((m) => m.console.inbox.refused);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(() => attempt(() => client.mutate({ mutation: RespondToInquiry, variables: { inquiryId: inquiry.id, body: reply.trim() } })));
    if (ok) setReply("");
  }
  return (
    <li className="inquiry-thread">
      <p>
        <strong>{inquiry.listing?.title ?? t.inquiries.listingGone}</strong> · {t.inquiries.status[inquiry.status]} · {format.dateTime(inquiry.createdAt)}
      </p>
      <p>
        {inquiry.name} &lt;{inquiry.email}&gt;
        {inquiry.phone ? ` · ${inquiry.phone}` : ""}
      </p>
      <blockquote>{inquiry.message}</blockquote>
      {inquiry.responses.map((r) => (
        <p key={r.id} className="response">
          <strong>{t.inquiries.response}</strong> ({format.dateTime(r.createdAt)}): {r.body}
        </p>
      ))}
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t.console.inbox.reply}
          <textarea value={reply} onChange={(e) => setReply(e.target.value)} rows={3} required maxLength={5000} />
        </label>
        <FormActions problem={problem} busy={busy} submit={t.console.inbox.send} />
      </form>
    </li>
  );
}

function ViewingRequest({ viewing }: { viewing: Viewing }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const { problem, busy, run } = useSubmit((m) => m.console.inbox.refused);
  const open = viewing.status === "REQUESTED";
  return (
    <li className="viewing-request">
      <p>
        <strong>{viewing.listing?.title ?? t.inquiries.listingGone}</strong> · {t.viewingStatus[viewing.status]}
        {viewing.confirmedTime ? ` · ${format.dateTime(viewing.confirmedTime)}` : ""}
      </p>
      {viewing.requester && (
        <p className="requester">
          {viewing.requester.name} &lt;{viewing.requester.email}&gt;
          {viewing.requester.phone ? ` · ${viewing.requester.phone}` : ""}
        </p>
      )}
      {viewing.message && <blockquote>{viewing.message}</blockquote>}
      {open && (
        <p>
          {viewing.proposedTimes.map((time) => (
            <button
              key={time}
              type="button"
              disabled={busy}
              onClick={() => void run(() => attempt(() => client.mutate({ mutation: ConfirmViewing, variables: { viewingId: viewing.id, time } })))}
            >
              {t.console.inbox.confirmAt(format.dateTime(time))}
            </button>
          ))}{" "}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(() => attempt(() => client.mutate({ mutation: DeclineViewing, variables: { viewingId: viewing.id } })))}
          >
            {t.console.inbox.decline}
          </button>
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
