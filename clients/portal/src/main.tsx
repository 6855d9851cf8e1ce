import { StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { Router } from "wouter";
import { chosenLocale } from "@ppt/client-shared";
import { SessionProvider } from "./account/SessionContext.tsx";
import { createTokenStore } from "./account/tokens.ts";
import { App } from "./App.tsx";
import { createPortalClient } from "./apollo.ts";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import { readSsrState } from "./ssr/state.ts";
import { LOCALE_BASE } from "./urls.ts";
import "./styles.css";

const tokens = createTokenStore({ storage: window.localStorage });
const client = createPortalClient({ uri: import.meta.env.VITE_GRAPHQL_URL ?? "/graphql", tokens });
// A page the server rendered brings its data and language: the first render is the server's, so
// hydration matches it (and asks the API nothing); without it (Vite's plain dev server) the app
// starts empty in the visitor's chosen language.
const ssr = readSsrState(document);
if (ssr) client.cache.restore(ssr.apollo);
// Signing in or out (here, in another tab, or a session that could not be renewed) forgets what
// was fetched for the previous caller (listings carry the caller's `savedByMe`); the queries on
// screen are fetched again.
let signedIn = tokens.get() !== null;
tokens.subscribe(() => {
  const now = tokens.get() !== null;
  if (signedIn !== now) void client.resetStore().catch(() => undefined);
  signedIn = now;
});

const locale = ssr?.locale ?? chosenLocale(window.localStorage, navigator.languages);

const tree = (
  <StrictMode>
    <I18nProvider initial={locale} storage={window.localStorage}>
      <ApolloProvider client={client}>
        <SessionProvider tokens={tokens} anonymousServer={ssr !== null}>
          <Router base={LOCALE_BASE[locale]}>
            <App />
          </Router>
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>
);

const root = document.getElementById("root")!;
if (ssr) {
  hydrateRoot(root, tree);
  // The server rendered for an anonymous visitor: a signed-in one gets their own view of the
  // listings (favorite stars) once the page is live.
  if (signedIn) setTimeout(() => void client.refetchQueries({ include: "active" }).catch(() => undefined), 0);
} else {
  createRoot(root).render(tree);
}
