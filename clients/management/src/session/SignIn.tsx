import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { describeRefusal, type Refusal } from "@ppt/client-shared";
import { LanguageSwitcher, useI18n } from "../i18n/I18nContext.tsx";
import { completeMfa, signIn, type SignInOutcome } from "./auth.ts";
import { useOrganizationChoice, useTokens } from "./SessionContext.tsx";

/** E-mail and password, then (for accounts with two-factor authentication) the authenticator code. */
export function SignIn() {
  const { t } = useI18n();
  const client = useApolloClient();
  const tokens = useTokens();
  const choice = useOrganizationChoice();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result: SignInOutcome = mfaToken
      ? await completeMfa(client, tokens, mfaToken, code.trim(), choice)
      : await signIn(client, tokens, email.trim(), password, choice);
    setBusy(false);
    if (result.kind === "mfa") {
      setMfaToken(result.mfaToken);
      setRefusal(null);
    } else if (result.kind === "refused") {
      setRefusal(result);
    }
  }

  return (
    <section className="signed-out">
      <LanguageSwitcher />
      <h1>{t.appName}</h1>
      <h2>{t.session.heading}</h2>
      <form onSubmit={(event) => void submit(event)}>
        {mfaToken ? (
          <label>
            {t.session.code}
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" autoFocus required />
          </label>
        ) : (
          <>
            <label>
              {t.session.email}
              <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
            </label>
            <label>
              {t.session.password}
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
            </label>
          </>
        )}
        {refusal && (
          <p className="problem" role="alert">
            {describeRefusal(t, refusal, t.session.refused)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {mfaToken ? t.session.verify : t.session.signIn}
        </button>
      </form>
      {!mfaToken && (
        <p>
          <Link href="/zabudnute-heslo">{t.session.forgotPassword}</Link>
        </p>
      )}
    </section>
  );
}
