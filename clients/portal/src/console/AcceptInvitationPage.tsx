import { useApolloClient } from "@apollo/client/react";
import { Link, useSearch } from "wouter";
import { attempt } from "@ppt/client-shared";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { AcceptInvitation, ConsoleMe } from "./operations.ts";

/** The invitation mail's link (/pozvanka-do-kancelarie?token=…): the signed-in user joins the agency. */
export function AcceptInvitationPage() {
  const { t } = useI18n();
  const client = useApolloClient();
  const token = new URLSearchParams(useSearch()).get("token");
  const { problem, busy, done, run } = useSubmit((m) => m.console.agency.acceptRefused);
  if (!token) return <p className="problem">{t.console.agency.noToken}</p>;
  return (
    <section className="accept-invitation">
      <h1>{t.console.agency.acceptHeading}</h1>
      {done ? (
        <p className="notice" role="status">
          {t.console.agency.accepted} <Link href="/konzola">{t.console.heading}</Link>
        </p>
      ) : (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(() =>
              attempt(() =>
                client.mutate({ mutation: AcceptInvitation, variables: { token }, refetchQueries: [{ query: ConsoleMe }], awaitRefetchQueries: true }),
              ),
            )
          }
        >
          {t.console.agency.accept}
        </button>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
