import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { signInHref } from "../account/return-path.ts";
import { useSession } from "../account/SessionContext.tsx";
import { useCurrentPath } from "../account/use-current-path.ts";
import { errorCode, messageFor } from "../errors.ts";
import { sk } from "../strings.ts";
import { MIN_MESSAGE_LENGTH, sendInquiry } from "./inquiries.ts";
import { FormActions } from "../FormActions.tsx";

/** On a listing: a question to its realtor (signed-in users); the server's refusals in Slovak. */
export function InquiryForm({ listingId }: { listingId: string }) {
  const client = useApolloClient();
  const { signedIn } = useSession();
  const here = useCurrentPath();
  const [message, setMessage] = useState("");
  const [phone, setPhone] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (message.trim().length < MIN_MESSAGE_LENGTH) return setProblem(sk.inquiries.tooShort);
    setBusy(true);
    try {
      await sendInquiry(client, { listingId, message: message.trim(), phone: phone.trim() });
      setSent(true);
      setProblem(null);
    } catch (error) {
      setProblem(messageFor(sk.inquiries.refused, errorCode(error)));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (!signedIn) body = <Link href={signInHref(here)}>{sk.inquiries.signInToAsk}</Link>;
  else if (sent)
    body = (
      <p className="notice" role="status">
        {sk.inquiries.sent} <Link href="/moje-dopyty">{sk.inquiries.heading}</Link>
      </p>
    );
  else
    body = (
      <form onSubmit={submit}>
        <label>
          {sk.inquiries.message}
          <textarea value={message} onChange={(e) => setMessage(e.target.value)} placeholder={sk.inquiries.messagePlaceholder} maxLength={5000} rows={5} required />
        </label>
        <label>
          {sk.inquiries.phone}
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="tel" maxLength={50} />
        </label>
        <FormActions problem={problem} busy={busy} submit={sk.inquiries.send} />
      </form>
    );
  return (
    <section className="inquiry-form">
      <h2>{sk.inquiries.formHeading}</h2>
      {body}
    </section>
  );
}
