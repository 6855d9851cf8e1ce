import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { attempt, describeRefusal, type Outcome } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AccountPage, Done, Problem, ToSignIn } from "./AccountPage.tsx";
import { linkRefused, useLinkToken } from "./link-token.ts";
import { NewPasswordFields, passwordProblem } from "./NewPasswordFields.tsx";

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

/** /obnova-hesla?token=…: the reset mail's link sets a new password (every other sign-in ends). */
export function ResetPassword() {
  const { t } = useI18n();
  const client = useApolloClient();
  const token = useLinkToken();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wrong = passwordProblem(t, password, confirm);
    setProblem(wrong);
    if (wrong || !token) return;
    setBusy(true);
    setOutcome(await attempt(() => client.mutate({ mutation: ResetPasswordMutation, variables: { token, newPassword: password } })));
    setBusy(false);
  }

  if (!token)
    return (
      <AccountPage heading={t.account.resetHeading}>
        <Problem>{t.account.noToken}</Problem>
        <ToSignIn />
      </AccountPage>
    );
  return (
    <AccountPage heading={t.account.resetHeading}>
      {outcome?.ok ? (
        <Done>{t.account.resetDone}</Done>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <NewPasswordFields label={t.account.newPassword} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
          {problem && <Problem>{problem}</Problem>}
          {outcome && !outcome.ok && <Problem>{linkRefused(outcome) ? t.account.linkInvalid : describeRefusal(t, outcome)}</Problem>}
          <button type="submit" disabled={busy}>
            {t.account.resetSave}
          </button>
        </form>
      )}
      <ToSignIn />
    </AccountPage>
  );
}
