import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { messageFor } from "../errors.ts";
import { sk } from "../strings.ts";
import { register } from "./auth.ts";
import { MIN_PASSWORD_LENGTH } from "./password.ts";
import { FormActions } from "../FormActions.tsx";

/** Name, e-mail and password. The answer is the same for a new and a known address: the e-mail tells which. */
export function Register() {
  const client = useApolloClient();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setProblem(sk.account.passwordTooShort);
    setBusy(true);
    const outcome = await register(client, { email: email.trim(), password, displayName: displayName.trim() });
    setBusy(false);
    setProblem(outcome.ok ? null : messageFor(sk.account.refused, outcome.code));
    setDone(outcome.ok);
  }

  if (done) {
    return (
      <section className="account-form">
        <h1>{sk.account.registerHeading}</h1>
        <p className="notice" role="status">
          {sk.account.registered}
        </p>
        <Link href="/prihlasenie">{sk.account.signInToContinue}</Link>
      </section>
    );
  }
  return (
    <section className="account-form">
      <h1>{sk.account.registerHeading}</h1>
      <form onSubmit={submit}>
        <label>
          {sk.account.displayName}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" required />
        </label>
        <label>
          {sk.account.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
        <label>
          {sk.account.newPassword}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
        </label>
        <FormActions problem={problem} busy={busy} submit={sk.account.register} />
      </form>
    </section>
  );
}
