import { useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { attempt, describeRefusal, refusalOf, type Outcome } from "@ppt/client-shared";
import { Fact } from "../Fact.tsx";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { SignIn } from "../session/SignIn.tsx";
import { AccountPage, Done, Problem, ToSignIn } from "./AccountPage.tsx";
import { linkRefused, useLinkToken } from "./link-token.ts";
import { NewPasswordFields, passwordProblem } from "./NewPasswordFields.tsx";

const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationByToken(token: $token) {
      organizationName
      email
      role
      expiresAt
    }
  }
`);

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      id
      name
    }
  }
`);

/**
 * /pozvanka?token=…: shows what the invitation is for, then accepts it: for the signed-in
 * person's own account (same address), or with a new account (name and password) for a newcomer.
 */
export function InvitationPage() {
  const { t, format } = useI18n();
  const token = useLinkToken();
  const { signedIn } = useSession();
  const [wantsSignIn, setWantsSignIn] = useState(false);
  const { data, error, loading } = useQuery(InvitationPreviewQuery, { variables: { token: token ?? "" }, skip: !token, fetchPolicy: "network-only" });
  const [accepted, setAccepted] = useState<string | null>(null);

  if (!token)
    return (
      <AccountPage heading={t.account.invitationHeading}>
        <Problem>{t.account.noToken}</Problem>
      </AccountPage>
    );
  if (accepted)
    return (
      <AccountPage heading={t.account.invitationHeading}>
        <Done>{signedIn ? t.account.accepted(accepted) : t.account.acceptedSignIn(accepted)}</Done>
        <ToSignIn />
      </AccountPage>
    );
  if (wantsSignIn && !signedIn) return <SignIn />;
  const invitation = data?.invitationByToken;
  return (
    <AccountPage heading={t.account.invitationHeading}>
      {loading && <p className="notice">{t.loading}</p>}
      {error && <Problem>{linkRefused({ ok: false, ...refusalOf(error) }) ? t.account.linkInvalid : describeRefusal(t, refusalOf(error))}</Problem>}
      {invitation && (
        <>
          <p className="lead">{t.account.invitationFor(invitation.organizationName)}</p>
          <dl className="facts">
            <Fact label={t.account.invitationAddress} value={invitation.email} />
            <Fact label={t.account.invitationRole} value={t.roles[invitation.role] ?? invitation.role} />
            <Fact label={t.account.invitationExpires} value={format.dateTime(invitation.expiresAt)} />
          </dl>
          {signedIn ? (
            <AcceptForMe token={token} onAccepted={setAccepted} />
          ) : (
            <>
              <NewAccountForm token={token} onAccepted={setAccepted} />
              <p>
                {t.account.existingAccountHint}{" "}
                <button type="button" className="secondary" onClick={() => setWantsSignIn(true)}>
                  {t.account.toSignIn}
                </button>
              </p>
            </>
          )}
        </>
      )}
    </AccountPage>
  );
}

function useAccept(token: string, onAccepted: (organization: string) => void) {
  const client = useApolloClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  async function accept(details: { firstName?: string; lastName?: string; password?: string }) {
    setBusy(true);
    let name = "";
    const result = await attempt(async () => {
      const { data } = await client.mutate({ mutation: AcceptInvitationMutation, variables: { input: { token, ...details } } });
      name = data?.acceptInvitation.name ?? "";
    });
    setBusy(false);
    setOutcome(result);
    if (result.ok) onAccepted(name);
  }
  return { accept, outcome, busy };
}

function AcceptRefusal({ outcome }: { outcome: Outcome | null }) {
  const { t } = useI18n();
  if (!outcome || outcome.ok) return null;
  if (outcome.code === "FORBIDDEN") return <Problem>{t.account.otherAddress}</Problem>;
  return <Problem>{linkRefused(outcome) ? t.account.linkInvalid : describeRefusal(t, outcome)}</Problem>;
}

function AcceptForMe({ token, onAccepted }: { token: string; onAccepted: (organization: string) => void }) {
  const { t } = useI18n();
  const { accept, outcome, busy } = useAccept(token, onAccepted);
  return (
    <>
      <AcceptRefusal outcome={outcome} />
      <button type="button" disabled={busy} onClick={() => void accept({})}>
        {t.account.accept}
      </button>
    </>
  );
}

function NewAccountForm({ token, onAccepted }: { token: string; onAccepted: (organization: string) => void }) {
  const { t } = useI18n();
  const { accept, outcome, busy } = useAccept(token, onAccepted);
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const wrong = passwordProblem(t, password, confirm);
    setProblem(wrong);
    if (!wrong) void accept({ firstName: firstName.trim(), lastName: lastName.trim(), password });
  }

  return (
    <form onSubmit={submit}>
      <p>{t.account.newAccountHint}</p>
      <label>
        {t.account.firstName}
        <input value={firstName} onChange={(e) => setFirstName(e.target.value)} autoComplete="given-name" required />
      </label>
      <label>
        {t.account.lastName}
        <input value={lastName} onChange={(e) => setLastName(e.target.value)} autoComplete="family-name" required />
      </label>
      <NewPasswordFields label={t.account.password} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
      {problem && <Problem>{problem}</Problem>}
      <AcceptRefusal outcome={outcome} />
      <button type="submit" disabled={busy}>
        {t.account.acceptAndCreate}
      </button>
    </form>
  );
}
