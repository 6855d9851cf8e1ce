import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { signInHref } from "../account/return-path.ts";
import { useSession } from "../account/SessionContext.tsx";
import { useCurrentPath } from "../account/use-current-path.ts";
import { attempt } from "@ppt/client-shared";
import { useI18n } from "../i18n/I18nContext.tsx";
import { MIN_MESSAGE_LENGTH, sendInquiry } from "./inquiries.ts";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";

/** On a listing: a question to its realtor (signed-in users); the server's refusals in Slovak. */
export function InquiryForm({ listingId }: { listingId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const { signedIn } = useSession();
  const here = useCurrentPath();
  const [message, setMessage] = useState("");
  const [phone, setPhone] = useState("");
  const { problem, setProblem, busy, done: sent, run } = useSubmit((m) => m.inquiries.refused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (message.trim().length < MIN_MESSAGE_LENGTH) return setProblem(t.inquiries.tooShort);
    await run(() => attempt(() => sendInquiry(client, { listingId, message: message.trim(), phone: phone.trim() })));
  }

  let body;
  if (!signedIn) body = <Link href={signInHref(here)}>{t.inquiries.signInToAsk}</Link>;
  else if (sent)
    body = (
      <p className="notice" role="status">
        {t.inquiries.sent} <Link href="/moje-dopyty">{t.inquiries.heading}</Link>
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t.inquiries.message}
          <textarea
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder={t.inquiries.messagePlaceholder}
            maxLength={5000}
            rows={5}
            required
          />
        </label>
        <label>
          {t.inquiries.phone}
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="tel" maxLength={50} />
        </label>
        <FormActions problem={problem} busy={busy} submit={t.inquiries.send} />
      </form>
    );
  return (
    <section className="inquiry-form">
      <h2>{t.inquiries.formHeading}</h2>
      {body}
    </section>
  );
}
