import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link, useSearch } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { resetPassword } from "./auth.ts";
import { MIN_PASSWORD_LENGTH } from "./password.ts";
import { useTokens } from "./SessionContext.tsx";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";

/** The e-mailed link's page (`/obnova-hesla?token=…`): a new password, then sign in with it. */
export function ResetPassword() {
  const { t } = useI18n();
  const client = useApolloClient();
  const tokens = useTokens();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const [password, setPassword] = useState("");
  const { problem, setProblem, busy, done, run } = useSubmit((m) => m.account.resetRefused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setProblem(t.account.passwordTooShort);
    await run(() => resetPassword(client, tokens, token, password));
  }

  let body;
  if (!token) body = <p className="problem">{t.account.resetNoToken}</p>;
  else if (done)
    body = (
      <p className="notice" role="status">
        {t.account.resetDone}
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t.account.newPassword}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <FormActions problem={problem} busy={busy} submit={t.account.resetSubmit} />
      </form>
    );
  return (
    <section className="account-form">
      <h1>{t.account.resetHeading}</h1>
      {body}
      <Link href="/prihlasenie">{done ? t.account.signInToContinue : t.account.backToSignIn}</Link>
    </section>
  );
}
