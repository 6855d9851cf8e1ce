import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link, Redirect, useLocation, useSearch } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { signIn } from "./auth.ts";
import { returnPath } from "./return-path.ts";
import { useSession, useTokens } from "./SessionContext.tsx";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";
import { ProviderButtons } from "./ProviderButtons.tsx";

/** E-mail and password; afterwards back to the page that asked for it (`?spat=`). */
export function SignIn() {
  const { t } = useI18n();
  const client = useApolloClient();
  const tokens = useTokens();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { problem, busy, run } = useSubmit((m) => m.account.refused);
  const { signedIn } = useSession();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => signIn(client, tokens, email.trim(), password))) navigate(returnPath(search), { replace: true });
  }

  if (signedIn) return <Redirect to={returnPath(search)} replace />;
  return (
    <section className="account-form">
      <h1>{t.account.signInHeading}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t.account.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          {t.account.password}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        <FormActions problem={problem} busy={busy} submit={t.account.signIn} />
      </form>
      <ProviderButtons purpose="signIn" returnTo={returnPath(search)} />
      <p>
        <Link href="/zabudnute-heslo">{t.account.forgotLink}</Link>
      </p>
      <p>
        {t.account.noAccount} <Link href="/registracia">{t.account.registerLink}</Link>
      </p>
    </section>
  );
}
