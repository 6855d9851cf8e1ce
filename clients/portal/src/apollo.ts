// The portal's Apollo Client over HTTP (the portal has no subscriptions). Anonymous visitors
// read public listings; a signed-in portal user's access token goes along as a Bearer header,
// renewed with the refresh token shortly before it expires, or once when a request is refused.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { relayStylePagination } from "@apollo/client/utilities";
import { from, switchMap, throwError } from "rxjs";
import { FIRST_PARTY_CLIENTS, persistedDocumentsLink } from "@ppt/client-shared";
import { createSessionRenewal, refusedToken } from "./account/auth.ts";
import { createTokenStore, expiresSoon, type TokenStore } from "./account/tokens.ts";

export interface PortalClientOptions {
  /** The gateway's GraphQL endpoint; relative ("/graphql") in the browser. */
  uri: string;
  /** Where the sign-in is kept; without one the client is anonymous (a memory store nobody fills). */
  tokens?: TokenStore;
  /** Server-side prerendering: no refetching after the first result. */
  ssrMode?: boolean;
  /** For the refresh request, which runs outside the link chain. */
  fetch?: typeof fetch;
}

export function createPortalClient({ uri, tokens = createTokenStore(), ssrMode = false, fetch: fetchImpl = fetch }: PortalClientOptions) {
  const renew = createSessionRenewal(uri, tokens, fetchImpl);

  // Renews first when the token is about to expire, and remembers which token the request carried.
  const auth = new SetContextLink(async (prev) => {
    if (prev.anonymous) return {};
    let session = tokens.session();
    if (session && expiresSoon(session)) {
      await renew(session.accessToken);
      session = tokens.session();
    }
    // A retry after a failed renewal carries the previous attempt's context: drop its header.
    const { authorization: _previous, ...headers } = (prev.headers ?? {}) as Record<string, string>;
    return session
      ? { sentAccessToken: session.accessToken, headers: { ...headers, authorization: `Bearer ${session.accessToken}` } }
      : { sentAccessToken: null, headers };
  });

  // A refused token is renewed once and the operation retried. When the session cannot be renewed
  // the person is signed out and the operation retried without a token: public pages still work.
  const renewWhenRefused = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext();
    if (!refusedToken(error) || context.anonymous || context.renewed || !context.sentAccessToken) return;
    return from(renew(context.sentAccessToken as string)).pipe(
      switchMap((outcome) => {
        if (outcome === "unavailable") return throwError(() => error);
        operation.setContext({ renewed: true });
        return forward(operation);
      }),
    );
  });

  return new ApolloClient({
    ssrMode,
    link: ApolloLink.from([renewWhenRefused, auth, persistedDocumentsLink(), new HttpLink({ uri, fetch: fetchImpl })]),
    cache: createCache(),
    // Sent as apollographql-client-name: the gateway holds this app to its persisted documents.
    clientAwareness: { name: FIRST_PARTY_CLIENTS.portal },
  });
}

function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // "Load more" appends pages of the same search; another filter or sort is another list.
          searchListings: relayStylePagination(["filter", "sort"]),
          myFavorites: relayStylePagination(),
          myInquiries: relayStylePagination(),
        },
      },
      // Embedded values without an id: a newer one replaces the older.
      Money: { merge: true },
    },
  });
}
