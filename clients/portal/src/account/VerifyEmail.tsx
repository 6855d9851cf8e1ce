import type { FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { useSearch } from "wouter";
import { FormActions } from "../FormActions.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { verifyEmail } from "./auth.ts";

/**
 * The e-mailed link's page (`/overenie-emailu?token=…`). The address is confirmed by a button,
 * not on load: mail scanners that open links must not use the single-use token up.
 */
export function VerifyEmail() {
  const { t } = useI18n();
  const client = useApolloClient();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const { problem, busy, done, run } = useSubmit((m) => m.account.verifyRefused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(() => verifyEmail(client, token));
  }

  let body;
  if (!token) body = <p className="problem">{t.account.verifyNoToken}</p>;
  else if (done)
    body = (
      <p className="notice" role="status">
        {t.account.verifyDone}
      </p>
    );
  else
    body = (
      <form onSubmit={(event) => void submit(event)}>
        <p>{t.account.verifyHelp}</p>
        <FormActions problem={problem} busy={busy} submit={t.account.verifySubmit} />
      </form>
    );
  return (
    <section className="account-form">
      <h1>{t.account.verifyHeading}</h1>
      {body}
    </section>
  );
}
