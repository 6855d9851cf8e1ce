import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link, useSearch } from "wouter";
import { sk } from "../strings.ts";
import { resetPassword } from "./auth.ts";
import { MIN_PASSWORD_LENGTH } from "./password.ts";
import { useTokens } from "./SessionContext.tsx";
import { FormActions } from "../FormActions.tsx";
import { useSubmit } from "../use-submit.ts";

/** The e-mailed link's page (`/obnova-hesla?token=…`): a new password, then sign in with it. */
export function ResetPassword() {
  const client = useApolloClient();
  const tokens = useTokens();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const [password, setPassword] = useState("");
  const { problem, setProblem, busy, done, run } = useSubmit(sk.account.resetRefused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setProblem(sk.account.passwordTooShort);
    await run(() => resetPassword(client, tokens, token, password));
  }

  let body;
  if (!token) body = <p className="problem">{sk.account.resetNoToken}</p>;
  else if (done)
    body = (
      <p className="notice" role="status">
        {sk.account.resetDone}
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {sk.account.newPassword}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <FormActions problem={problem} busy={busy} submit={sk.account.resetSubmit} />
      </form>
    );
  return (
    <section className="account-form">
      <h1>{sk.account.resetHeading}</h1>
      {body}
      <Link href="/prihlasenie">{done ? sk.account.signInToContinue : sk.account.backToSignIn}</Link>
    </section>
  );
}
