// The portal's Apollo Client: public reads over HTTP only (the portal has no subscriptions).
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

export interface PortalClientOptions {
  /** The gateway's GraphQL endpoint; relative ("/graphql") in the browser. */
  uri: string;
  /** Server-side prerendering: no refetching after the first result. */
  ssrMode?: boolean;
}

export function createPortalClient({ uri, ssrMode = false }: PortalClientOptions) {
  return new ApolloClient({
    ssrMode,
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // "Load more" appends pages of the same search; another filter or sort is another list.
            searchListings: relayStylePagination(["filter", "sort"]),
          },
        },
        // Embedded values without an id: a newer one replaces the older.
        Money: { merge: true },
      },
    }),
  });
}
