import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { messageFor } from "../errors.ts";
import { sk } from "../strings.ts";
import { requestPasswordReset } from "./auth.ts";
import { FormActions } from "../FormActions.tsx";

/** Asks for a reset link; the answer never tells whether the address has an account. */
export function ForgotPassword() {
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = await requestPasswordReset(client, email.trim());
    setBusy(false);
    setProblem(outcome.ok ? null : messageFor(sk.account.refused, outcome.code));
    setSent(outcome.ok);
  }

  return (
    <section className="account-form">
      <h1>{sk.account.forgotHeading}</h1>
      {sent ? (
        <p className="notice" role="status">
          {sk.account.resetLinkSent}
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>{sk.account.forgotHelp}</p>
          <label>
            {sk.account.email}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
          </label>
          <FormActions problem={problem} busy={busy} submit={sk.account.sendResetLink} />
        </form>
      )}
      <Link href="/prihlasenie">{sk.account.backToSignIn}</Link>
    </section>
  );
}
