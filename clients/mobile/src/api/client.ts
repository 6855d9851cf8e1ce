// The app's Apollo Client: HTTP for queries and mutations, graphql-ws on the same gateway endpoint
// for live updates, the access token on both (renewed a minute before it expires), and a cache
// persisted on the device.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { AuthResultFields, getFragmentData, RenewSession } from "@ppt/client-shared/operations";
import { OperationTypeNode, print } from "graphql";
import { createClient } from "graphql-ws";
import { graphqlUrl, webSocketUrl } from "./config.ts";
import { PersistedCache } from "./persisted-cache.ts";
import { tokensOf, type SessionStore } from "./session.ts";

export interface MobileApi {
  client: ApolloClient;
  persisted: PersistedCache;
  session: SessionStore;
  url: string;
}

/** Renews the session with its refresh token; on refusal the person is signed out. */
async function renew(url: string, session: SessionStore): Promise<void> {
  const refreshToken = session.get()?.refreshToken;
  if (!refreshToken) return;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(RenewSession), variables: { refreshToken } }),
  });
  const body = (await response.json()) as { data?: { refreshToken?: unknown }; errors?: unknown[] };
  const payload = body.data?.refreshToken;
  const tokens = payload ? tokensOf(getFragmentData(AuthResultFields, payload as never)) : null;
  // Offline the fetch above throws and nothing changes; a refused refresh token ends the session.
  await session.set(tokens);
}

export async function createMobileApi(session: SessionStore): Promise<MobileApi> {
  const url = graphqlUrl();
  let renewing: Promise<void> | null = null;
  const fresh = async () => {
    if (session.get() && session.expiresSoon()) {
      renewing ??= renew(url, session).finally(() => (renewing = null));
      await renewing.catch(() => undefined);
    }
    const token = session.get()?.accessToken;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const auth = new SetContextLink(async (prev) => ({ headers: { ...(prev.headers as Record<string, string> | undefined), ...(await fresh()) } }));
  const http = ApolloLink.from([auth, new HttpLink({ uri: url })]);
  const ws = new GraphQLWsLink(createClient({ url: webSocketUrl(url), lazy: true, connectionParams: fresh }));
  const link = ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, ws, http);
  const cache = new InMemoryCache();
  const persisted = new PersistedCache(cache);
  await persisted.restore();
  const client = new ApolloClient({ link, cache });
  return { client, persisted, session, url };
}
