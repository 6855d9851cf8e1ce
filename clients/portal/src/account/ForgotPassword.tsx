import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { requestPasswordReset } from "./auth.ts";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";

/** Asks for a reset link; the answer never tells whether the address has an account. */
export function ForgotPassword() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const { problem, busy, done: sent, run } = useSubmit((m) => m.account.refused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(() => requestPasswordReset(client, email.trim()));
  }

  return (
    <section className="account-form">
      <h1>{t.account.forgotHeading}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t.account.resetLinkSent}
        </p>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <p>{t.account.forgotHelp}</p>
          <label>
            {t.account.email}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
          </label>
          <FormActions problem={problem} busy={busy} submit={t.account.sendResetLink} />
        </form>
      )}
      <Link href="/prihlasenie">{t.account.backToSignIn}</Link>
    </section>
  );
}
