import type { FormEvent } from "react";
import type { ApolloClient } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import { useSearch } from "wouter";
import { FormActions } from "../FormActions.tsx";
import { attempt, type Outcome } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";

const UnsubscribeSavedSearchAlerts = graphql(`
  mutation UnsubscribeSavedSearchAlerts($token: String!) {
    unsubscribeSavedSearchAlerts(token: $token)
  }
`);

const UnsubscribeRealtorMail = graphql(`
  mutation UnsubscribeRealtorMail($token: String!) {
    unsubscribeRealtorMail(token: $token)
  }
`);

const anonymous = { context: { anonymous: true } };

function unsubscribe(client: ApolloClient, kind: "search" | "realtor", token: string): Promise<Outcome> {
  return attempt(() =>
    kind === "search"
      ? client.mutate({ mutation: UnsubscribeSavedSearchAlerts, variables: { token }, ...anonymous })
      : client.mutate({ mutation: UnsubscribeRealtorMail, variables: { token }, ...anonymous }),
  );
}

/**
 * The unsubscribe link of notification mail (`/odhlasenie-upozorneni?hladanie=…` for a saved
 * search's alerts, `?makler=…` for a realtor's mail). Needs no sign-in; a button confirms it, so
 * mail scanners that open links switch nothing off.
 */
export function Unsubscribe() {
  const { t } = useI18n();
  const client = useApolloClient();
  const params = new URLSearchParams(useSearch());
  const search = params.get("hladanie");
  const realtor = params.get("makler");
  const { problem, busy, done, run } = useSubmit((m) => m.unsubscribe.refused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(() => (search ? unsubscribe(client, "search", search) : unsubscribe(client, "realtor", realtor ?? "")));
  }

  let body;
  if (!search && !realtor) body = <p className="problem">{t.unsubscribe.noToken}</p>;
  else if (done)
    body = (
      <p className="notice" role="status">
        {t.unsubscribe.done}
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <p>{search ? t.unsubscribe.searchHelp : t.unsubscribe.realtorHelp}</p>
        <FormActions problem={problem} busy={busy} submit={t.unsubscribe.submit} />
      </form>
    );
  return (
    <section className="account-form">
      <h1>{t.unsubscribe.heading}</h1>
      {body}
    </section>
  );
}
