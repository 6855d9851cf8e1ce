import { useApolloClient } from "@apollo/client/react";
import { describeRefusal } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AccountPage, Done, Problem, ToSignIn } from "./AccountPage.tsx";
import { linkRefused, useLinkToken, useOnce } from "./link-token.ts";

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);

/** /overenie-emailu?token=…: the registration mail's link verifies the address as the page opens. */
export function VerifyEmail() {
  const { t } = useI18n();
  const client = useApolloClient();
  const token = useLinkToken();
  const outcome = useOnce(token && `verify:${token}`, () => client.mutate({ mutation: VerifyEmailMutation, variables: { token: token! } }));
  return (
    <AccountPage heading={t.account.verifyHeading}>
      {!token ? (
        <Problem>{t.account.noToken}</Problem>
      ) : !outcome ? (
        <p className="notice">{t.account.verifying}</p>
      ) : outcome.ok ? (
        <Done>{t.account.verified}</Done>
      ) : (
        <Problem>{linkRefused(outcome) ? t.account.linkInvalid : describeRefusal(t, outcome)}</Problem>
      )}
      <ToSignIn />
    </AccountPage>
  );
}
