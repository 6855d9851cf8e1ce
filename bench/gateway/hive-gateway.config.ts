// Hive Gateway for bench/gateway, configured as its documentation shows: the committed supergraph
// (SUPERGRAPH_PATH), the subgraphs where the bench started them, and the same headers the stock
// Apollo Gateway forwards (the caller's token and language, the subgraphs' shared secret).
// Everything else is Hive's default, including its in-flight deduplication of subgraph requests.
import { defineConfig } from "@graphql-hive/gateway";
import { SUBGRAPH_SECRET_HEADER } from "@ppt/server-kit/edge";

const env = process.env;

export const gatewayConfig = defineConfig({
  supergraph: env.SUPERGRAPH_PATH!,
  transportEntries: {
    property: { location: env.PROPERTY_SUBGRAPH_URL! },
    reality: { location: env.REALITY_SUBGRAPH_URL! },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get("authorization"),
      "accept-language": request.headers.get("accept-language"),
      [SUBGRAPH_SECRET_HEADER]: env.SUBGRAPH_SHARED_SECRET!,
    }),
  },
  logging: "error",
  disableWebsockets: true,
});
