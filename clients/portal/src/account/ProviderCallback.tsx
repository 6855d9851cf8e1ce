import { useEffect, useRef, useState } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { describeRefusal, type Refusal } from "@ppt/client-shared";
import { useI18n } from "../i18n/I18nContext.tsx";
import { completeProviderSignIn, type CompletedProviderSignIn } from "./providers.ts";
import { useTokens } from "./SessionContext.tsx";

/**
 * Where the provider sends the browser back: checks the state this tab kept, finishes the sign-in
 * (or the link) and returns the visitor to where they started; a refusal is worded by its code.
 * The server renders only "finishing…": the redirect's code is for this tab's script alone.
 */
export function ProviderCallback() {
  const { t } = useI18n();
  const client = useApolloClient();
  const tokens = useTokens();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [refused, setRefused] = useState<(Refusal & { purpose: CompletedProviderSignIn["purpose"] }) | null>(null);
  // Once per page: the state is single-use (StrictMode runs effects twice in development).
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void completeProviderSignIn(client, tokens, window.sessionStorage, search).then((outcome) => {
      if (outcome.ok) navigate(outcome.returnTo, { replace: true });
      else setRefused(outcome);
    });
  }, []);

  if (!refused) {
    return (
      <section className="account-form">
        <h1>{t.account.providerCallbackHeading}</h1>
        <p className="notice" role="status">
          {t.account.providerFinishing}
        </p>
      </section>
    );
  }
  const linking = refused.purpose === "link";
  const problem =
    !linking && refused.code === "BAD_USER_INPUT" && refused.field === "provider"
      ? t.account.providerNoEmail
      : describeRefusal(t, refused, linking ? t.account.linkRefused : t.account.providerRefused);
  return (
    <section className="account-form">
      <h1>{t.account.providerCallbackHeading}</h1>
      <p className="problem" role="alert">
        {problem}
      </p>
      <Link href={linking ? "/ucet" : "/prihlasenie"}>{linking ? t.account.accountPage : t.account.backToSignIn}</Link>
    </section>
  );
}
