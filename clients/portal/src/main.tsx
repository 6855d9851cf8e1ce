import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { chosenLocale } from "@ppt/client-shared";
import { SessionProvider } from "./account/SessionContext.tsx";
import { createTokenStore } from "./account/tokens.ts";
import { App } from "./App.tsx";
import { createPortalClient } from "./apollo.ts";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import "./styles.css";

const tokens = createTokenStore({ storage: window.localStorage });
const client = createPortalClient({ uri: import.meta.env.VITE_GRAPHQL_URL ?? "/graphql", tokens });
// Signing in or out (here, in another tab, or a session that could not be renewed) forgets what
// was fetched for the previous caller (listings carry the caller's `savedByMe`); the queries on
// screen are fetched again.
let signedIn = tokens.get() !== null;
tokens.subscribe(() => {
  const now = tokens.get() !== null;
  if (signedIn !== now) void client.resetStore().catch(() => undefined);
  signedIn = now;
});

const locale = chosenLocale(window.localStorage, navigator.languages);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider initial={locale} storage={window.localStorage}>
      <ApolloProvider client={client}>
        <SessionProvider tokens={tokens}>
          <App />
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>,
);
