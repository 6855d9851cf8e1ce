import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { attempt } from "@ppt/client-shared";
import { signInHref } from "../account/return-path.ts";
import { useSession } from "../account/SessionContext.tsx";
import { useCurrentPath } from "../account/use-current-path.ts";
import { FormActions } from "../FormActions.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { MAX_VIEWING_MESSAGE, PROPOSED_TIME_FIELDS, proposedTimes, requestViewing } from "./viewings.ts";

/** On a listing: proposed times to see it and a note (signed-in visitors; the API takes the contact from the account). */
export function ViewingRequestForm({ listingId }: { listingId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const { signedIn } = useSession();
  const here = useCurrentPath();
  const [times, setTimes] = useState<string[]>(() => Array.from({ length: PROPOSED_TIME_FIELDS }, () => ""));
  const [message, setMessage] = useState("");
  const { problem, setProblem, busy, done: sent, run } = useSubmit((m) => m.viewings.refused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const proposed = proposedTimes(times);
    if (proposed === "none") return setProblem(t.viewings.noTime);
    if (proposed === "past") return setProblem(t.viewings.pastTime);
    await run(() => attempt(() => requestViewing(client, { listingId, proposedTimes: proposed, message: message.trim() })));
  }

  let body;
  if (!signedIn) body = <Link href={signInHref(here)}>{t.viewings.signInToRequest}</Link>;
  else if (sent)
    body = (
      <p className="notice" role="status">
        {t.viewings.sent} <Link href="/moje-dopyty">{t.inquiries.heading}</Link>
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <p className="notice">{t.viewings.help}</p>
        {times.map((value, index) => (
          <label key={index}>
            {t.viewings.time(index + 1)}
            <input
              type="datetime-local"
              value={value}
              onChange={(e) => setTimes((all) => all.map((old, i) => (i === index ? e.target.value : old)))}
              required={index === 0}
            />
          </label>
        ))}
        <label>
          {t.viewings.message}
          <textarea value={message} onChange={(e) => setMessage(e.target.value)} maxLength={MAX_VIEWING_MESSAGE} rows={3} />
        </label>
        <FormActions problem={problem} busy={busy} submit={t.viewings.send} />
      </form>
    );
  return (
    <section className="viewing-form">
      <h2>{t.viewings.formHeading}</h2>
      {body}
    </section>
  );
}
