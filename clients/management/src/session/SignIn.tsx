import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { sk } from "../strings.ts";
import { completeMfa, signIn, type SignInOutcome } from "./auth.ts";
import { useTokens } from "./SessionContext.tsx";

/** E-mail and password, then (for accounts with two-factor authentication) the authenticator code. */
export function SignIn() {
  const client = useApolloClient();
  const tokens = useTokens();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result: SignInOutcome = mfaToken ? await completeMfa(client, tokens, mfaToken, code.trim()) : await signIn(client, tokens, email.trim(), password);
    setBusy(false);
    if (result.kind === "mfa") {
      setMfaToken(result.mfaToken);
      setProblem(null);
    } else if (result.kind === "refused") {
      setProblem(sk.session.refused[result.code] ?? sk.session.refused.other);
    }
  }

  return (
    <section className="signed-out">
      <h1>{sk.appName}</h1>
      <h2>{sk.session.heading}</h2>
      <form onSubmit={(event) => void submit(event)}>
        {mfaToken ? (
          <label>
            {sk.session.code}
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" autoFocus required />
          </label>
        ) : (
          <>
            <label>
              {sk.session.email}
              <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
            </label>
            <label>
              {sk.session.password}
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
            </label>
          </>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {mfaToken ? sk.session.verify : sk.session.signIn}
        </button>
      </form>
    </section>
  );
}
