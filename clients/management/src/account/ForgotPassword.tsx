import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { attempt, describeRefusal, type Outcome } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AccountPage, Done, Problem, ToSignIn } from "./AccountPage.tsx";

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: EmailAddress!) {
    requestPasswordReset(email: $email)
  }
`);

/** /zabudnute-heslo: asks for the reset mail (the server answers the same whether the address has an account). */
export function ForgotPassword() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setOutcome(await attempt(() => client.mutate({ mutation: RequestPasswordReset, variables: { email: email.trim() } })));
    setBusy(false);
  }

  return (
    <AccountPage heading={t.account.forgotHeading}>
      {outcome?.ok ? (
        <Done>{t.account.forgotSent}</Done>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <p>{t.account.forgotHint}</p>
          <label>
            {t.session.email}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
          </label>
          {outcome && !outcome.ok && <Problem>{describeRefusal(t, outcome)}</Problem>}
          <button type="submit" disabled={busy}>
            {t.account.forgotSend}
          </button>
        </form>
      )}
      <ToSignIn />
    </AccountPage>
  );
}
