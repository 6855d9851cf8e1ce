// Hive Gateway for bench/gateway, configured as its documentation shows: the committed supergraph
// (SUPERGRAPH_PATH), the subgraphs where the bench started them, and the same headers the stock
// Apollo Gateway forwards (the caller's token and language, the subgraphs' shared secret).
// Everything else is Hive's default, including its in-flight deduplication of subgraph requests.
import { SUBGRAPH_SECRET_HEADER } from "@ppt/server-kit/edge";

const env = process.env;

// A plain object rather than `defineConfig(…)`: importing @graphql-hive/gateway's types here would
// pull the DOM library (through @whatwg-node/fetch) into the whole repository's type check.
export const gatewayConfig = {
  supergraph: env.SUPERGRAPH_PATH!,
  transportEntries: {
    property: { location: env.PROPERTY_SUBGRAPH_URL! },
    reality: { location: env.REALITY_SUBGRAPH_URL! },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => ({
      authorization: request.headers.get("authorization"),
      "accept-language": request.headers.get("accept-language"),
      [SUBGRAPH_SECRET_HEADER]: env.SUBGRAPH_SHARED_SECRET!,
    }),
  },
  logging: "error",
  disableWebsockets: true,
};
