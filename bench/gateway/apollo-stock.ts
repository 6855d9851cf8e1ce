// Stock Apollo Gateway in Apollo Server's standalone server, as its documentation sets it up:
// the comparison point for bench/gateway. It forwards only what the subgraphs need to answer
// the bench's queries (the caller's token and language) plus the subgraphs' shared secret.
//
//   SUPERGRAPH_PATH=… PORT=… PROPERTY_SUBGRAPH_URL=… REALITY_SUBGRAPH_URL=… SUBGRAPH_SHARED_SECRET=… tsx bench/gateway/apollo-stock.ts
import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { SUBGRAPH_SECRET_HEADER } from "@ppt/server-kit/edge";

interface Context {
  headers: Record<string, string>;
}

const env = process.env;
const urls: Record<string, string | undefined> = { property: env.PROPERTY_SUBGRAPH_URL, reality: env.REALITY_SUBGRAPH_URL };
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH!, "utf8"),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource<Context>({
      url: urls[name] ?? url,
      willSendRequest({ request, context }) {
        for (const [key, value] of Object.entries<string>(context.headers ?? {})) request.http?.headers.set(key, value);
        request.http?.headers.set(SUBGRAPH_SECRET_HEADER, env.SUBGRAPH_SHARED_SECRET!);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.PORT), host: "127.0.0.1" },
  context: async ({ req }) => {
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "accept-language"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    return { headers };
  },
});
console.error(`stock apollo gateway at ${url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
