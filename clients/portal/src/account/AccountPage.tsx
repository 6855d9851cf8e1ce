import { useQuery } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ProviderButtons } from "./ProviderButtons.tsx";
import { providerLabel } from "./providers.ts";

const PortalAccountPage = graphql(`
  query PortalAccountPage {
    portalMe {
      id
      email
      displayName
      emailVerified
      linkedProviders
    }
  }
`);

/** The signed-in visitor's account: who they are, the sign-in services linked to it, and a button to link another. */
export function AccountPage() {
  const { t } = useI18n();
  const { data, error } = useQuery(PortalAccountPage, { fetchPolicy: "cache-and-network" });
  const me = data?.portalMe;
  return (
    <section className="account-page">
      <h1>{t.account.accountHeading}</h1>
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {!me && !error && <p className="notice">{t.loading}</p>}
      {me && (
        <>
          <p>
            <strong>{me.displayName}</strong> · {me.email}
            {!me.emailVerified && ` (${t.account.emailUnverified})`}
          </p>
          <h2>{t.account.linkedHeading}</h2>
          {me.linkedProviders.length === 0 ? (
            <p className="notice">{t.account.linkedNone}</p>
          ) : (
            <ul className="linked-providers">
              {me.linkedProviders.map((provider) => (
                <li key={provider}>{t.account.linked(providerLabel(provider))}</li>
              ))}
            </ul>
          )}
          <p className="notice">{t.account.linkedHelp}</p>
          <ProviderButtons purpose="link" returnTo="/ucet" except={me.linkedProviders} />
        </>
      )}
    </section>
  );
}
