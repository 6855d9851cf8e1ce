import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link, useSearch } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { register } from "./auth.ts";
import { MIN_PASSWORD_LENGTH } from "./password.ts";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";
import { ProviderButtons } from "./ProviderButtons.tsx";
import { returnPath } from "./return-path.ts";

/** Name, e-mail and password. The answer is the same for a new and a known address: the e-mail tells which. */
export function Register() {
  const { t } = useI18n();
  const client = useApolloClient();
  const search = useSearch();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { problem, setProblem, busy, done, run } = useSubmit((m) => m.account.refused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setProblem(t.account.passwordTooShort);
    await run(() => register(client, { email: email.trim(), password, displayName: displayName.trim() }));
  }

  if (done) {
    return (
      <section className="account-form">
        <h1>{t.account.registerHeading}</h1>
        <p className="notice" role="status">
          {t.account.registered}
        </p>
        <Link href="/prihlasenie">{t.account.signInToContinue}</Link>
      </section>
    );
  }
  return (
    <section className="account-form">
      <h1>{t.account.registerHeading}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t.account.displayName}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" required />
        </label>
        <label>
          {t.account.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
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
        <FormActions problem={problem} busy={busy} submit={t.account.register} />
      </form>
      {/* A provider's sign-in creates the account on the way (or finds the one with its verified address). */}
      <ProviderButtons purpose="signIn" returnTo={returnPath(search)} />
    </section>
  );
}
