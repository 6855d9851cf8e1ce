import { useApolloClient, useQuery } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { orderedProviders, providerCallbackUri, providerLabel, SignInProvidersQuery, startProviderSignIn, type PendingProviderSignIn } from "./providers.ts";

/**
 * A button per provider the deployment offers (none: nothing is shown). Sends the browser to the
 * provider; the callback page finishes it and returns to `returnTo`.
 */
export function ProviderButtons({ purpose, returnTo, except = [] }: Pick<PendingProviderSignIn, "purpose" | "returnTo"> & { except?: readonly string[] }) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const { data } = useQuery(SignInProvidersQuery);
  const { problem, busy, run } = useSubmit((m) => (purpose === "link" ? m.account.linkRefused : m.account.providerRefused));
  const providers = orderedProviders(data?.portalSignInProviders ?? []).filter((name) => !except.includes(name));
  if (providers.length === 0) return null;

  async function go(provider: string) {
    let target = "";
    await run(async () => {
      const started = await startProviderSignIn(client, window.sessionStorage, {
        provider,
        purpose,
        returnTo,
        callbackUri: providerCallbackUri(window.location.origin, locale),
      });
      target = started.authorizationUrl ?? "";
      return started;
    });
    if (target) window.location.assign(target);
  }

  return (
    <div className="provider-buttons">
      {providers.map((provider) => (
        <button key={provider} type="button" className={`provider provider-${provider}`} disabled={busy} onClick={() => void go(provider)}>
          {purpose === "link" ? t.account.linkWith(providerLabel(provider)) : t.account.continueWith(providerLabel(provider))}
        </button>
      ))}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
