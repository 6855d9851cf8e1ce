import { useApolloClient } from "@apollo/client/react";
import { describeRefusal } from "@ppt/client-shared";
import { Link } from "wouter";
import { graphql } from "../generated/gql.ts";
import type { NotificationCategory } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AccountPage, Done, Problem } from "./AccountPage.tsx";
import { linkRefused, useLinkToken, useOnce } from "./link-token.ts";

const UnsubscribeMutation = graphql(`
  mutation UnsubscribeFromNotifications($token: String!) {
    unsubscribeFromNotifications(token: $token)
  }
`);

/** /odhlasenie-upozorneni?token=…: a notification mail's link turns off e-mail of its category, no sign-in needed. */
export function Unsubscribe() {
  const { t } = useI18n();
  const client = useApolloClient();
  const token = useLinkToken();
  const outcome = useOnce(token && `unsubscribe:${token}`, async (): Promise<NotificationCategory | null> => {
    const { data } = await client.mutate({ mutation: UnsubscribeMutation, variables: { token: token! } });
    return data?.unsubscribeFromNotifications ?? null;
  });
  return (
    <AccountPage heading={t.account.unsubscribeHeading}>
      {!token ? (
        <Problem>{t.account.noToken}</Problem>
      ) : !outcome ? (
        <p className="notice">{t.account.unsubscribing}</p>
      ) : outcome.ok ? (
        <>
          <Done>{t.account.unsubscribed(outcome.value ? t.notificationCategory[outcome.value] : "")}</Done>
          <p>{t.account.unsubscribedHint}</p>
          <p>
            <Link href="/nastavenia/upozornenia">{t.account.toPreferences}</Link>
          </p>
        </>
      ) : (
        <Problem>{linkRefused(outcome) ? t.account.linkInvalid : describeRefusal(t, outcome)}</Problem>
      )}
    </AccountPage>
  );
}
