import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { chosenLocale } from "@ppt/client-shared";
import { App } from "./App.tsx";
import { createManagementClient, webSocketUrl } from "./apollo.ts";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import { createOrganizationChoice } from "./session/organizations.ts";
import { createTokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";
import "./styles.css";

const uri = import.meta.env.VITE_GRAPHQL_URL ?? "/graphql";
const tokens = createTokenStore({ storage: window.sessionStorage });
const organizationChoice = createOrganizationChoice(window.localStorage);
const client = createManagementClient({ uri, tokens, wsUrl: webSocketUrl(uri, window.location.href) });
// Signing out (or a session that could not be renewed) forgets everything the previous person could see.
tokens.subscribe(() => {
  if (!tokens.get()) void client.clearStore();
});

const locale = chosenLocale(window.localStorage, navigator.languages);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider initial={locale} storage={window.localStorage}>
      <ApolloProvider client={client}>
        <SessionProvider tokens={tokens} choice={organizationChoice}>
          <App />
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>,
);
