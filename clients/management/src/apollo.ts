// The management app's Apollo Client: queries and mutations over HTTP, subscriptions over
// graphql-ws on the same /graphql endpoint of the gateway. Both carry the access token: the HTTP
// link as an Authorization header, the WebSocket in connection_init (the gateway authenticates
// the socket once and closes it with 4403 "token expired" when the token expires; the client then
// renews it and reconnects).
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError, type StoreObject } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { from, switchMap, throwError } from "rxjs";
import { createSessionRenewal } from "./session/auth.ts";
import { claimsOf } from "./session/permissions.ts";
import { expiresSoon, type TokenStore } from "./session/session.ts";
import { FIRST_PARTY_CLIENTS, persistedDocumentsLink } from "@ppt/client-shared";
import { mergeTally } from "./voting/tally-version.ts";

export interface ManagementClientOptions {
  /** The gateway's GraphQL endpoint over HTTP ("/graphql" in the browser). */
  uri: string;
  tokens: TokenStore;
  /** Enables subscriptions: the same endpoint as ws:// or wss://. */
  wsUrl?: string;
  /** A WebSocket implementation where there is no global one (Node before 22). */
  webSocketImpl?: unknown;
  /** Server-side prerendering. */
  ssrMode?: boolean;
}

const bearer = (token: string | null) => (token ? `Bearer ${token}` : undefined);

function refusedToken(error: unknown): boolean {
  return (
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) ||
    (ServerError.is(error) && error.statusCode === 401)
  );
}

/** The reason of a 4403 close from the gateway, else null. */
function refusal(event: unknown): string | null {
  const close = event as { code?: unknown; reason?: unknown } | null;
  return close?.code === 4403 && typeof close.reason === "string" ? close.reason : null;
}

const RENEWABLE = new Set(["token expired", "token invalid"]);

export function createManagementClient(options: ManagementClientOptions) {
  const { tokens } = options;
  let renewBeforeConnect = false;
  const renew = createSessionRenewal(options.uri, tokens);
  const auth = new SetContextLink((prev) => {
    const authorization = bearer(tokens.get());
    return authorization ? { headers: { ...(prev.headers as Record<string, string> | undefined), authorization } } : {};
  });
  // A refused token is renewed once with the refresh token and the operation retried; when that
  // fails too, the person is signed out (the renewal clears the store) instead of seeing errors.
  const renewWhenRefused = new ErrorLink(({ error, operation, forward }) => {
    if (!refusedToken(error) || operation.getContext().renewed || !tokens.get()) return;
    return from(renew()).pipe(
      switchMap((renewed) => {
        if (!renewed) {
          tokens.set(null);
          return throwError(() => error);
        }
        operation.setContext({ renewed: true });
        return forward(operation);
      }),
    );
  });
  // Queries and mutations go by their persisted id (subscriptions, over the socket, as text).
  const http = ApolloLink.from([renewWhenRefused, auth, persistedDocumentsLink(), new HttpLink({ uri: options.uri })]);
  const socket = options.wsUrl
    ? createClient({
        url: options.wsUrl,
        webSocketImpl: options.webSocketImpl,
        lazy: true,
        // Read on every (re)connect, renewing first when the gateway said the token expired
        // or it is about to.
        connectionParams: async () => {
          const session = tokens.session();
          if (renewBeforeConnect || (session && expiresSoon(session))) {
            renewBeforeConnect = false;
            await renew();
          }
          const authorization = bearer(tokens.get());
          return authorization ? { authorization } : {};
        },
        // 4403 says why (README "Subscriptions"): an expired or invalid token is renewed and the
        // socket reconnects; a missing token or an ended sign-in will not get better by retrying.
        shouldRetry: (event) => !refusal(event) || RENEWABLE.has(refusal(event)!),
        on: {
          closed: (event) => {
            if (RENEWABLE.has(refusal(event) ?? "")) renewBeforeConnect = true;
          },
        },
      })
    : null;
  // The socket authenticated once, as the organization of its connection_init: another
  // organization's token (a switch, a sign-out) closes it, and the subscriptions still wanted
  // reconnect with the new token (graphql-ws retries a terminated socket).
  let organization = claimsOf(tokens.get()).organizationId;
  tokens.subscribe(() => {
    const next = claimsOf(tokens.get()).organizationId;
    if (next === organization) return;
    organization = next;
    socket?.terminate();
  });
  const link = socket ? ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(socket), http) : http;
  return new ApolloClient({
    ssrMode: options.ssrMode ?? false,
    link,
    cache: createCache(),
    // Sent as apollographql-client-name: the gateway holds this app to its persisted documents.
    clientAwareness: { name: FIRST_PARTY_CLIENTS.management },
  });
}

/** The same origin's /graphql as a WebSocket URL. */
export function webSocketUrl(httpUri: string, base: string): string {
  const url = new URL(httpUri, base);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // "Load more" appends pages of one list; another filter is another list.
          buildings: relayStylePagination(["filter"]),
          faults: relayStylePagination(["filter"]),
          conversations: relayStylePagination(),
          members: relayStylePagination(),
          myDelegations: relayStylePagination(["direction"]),
          votes: relayStylePagination(["filter"]),
          notifications: relayStylePagination(["unreadOnly"]),
          announcements: relayStylePagination(["filter"]),
          documents: relayStylePagination(["filter"]),
          documentFolders: relayStylePagination(["parentId"]),
          auditLog: relayStylePagination(["filter"]),
        },
      },
      Vote: {
        fields: {
          // A vote's tally arrives from queries, ballots' answers and the live feed in any order:
          // an older version never replaces a newer one.
          results: {
            merge: (existing: StoreObject | undefined, incoming: StoreObject, { readField }) =>
              mergeTally(existing, incoming, (tally) => readField<string>("version", tally)),
          },
        },
      },
      Fraction: { merge: true },
    },
  });
}
