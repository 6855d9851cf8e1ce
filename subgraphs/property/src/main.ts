import { loadServerConfig } from "@ppt/server-kit";
import { startPropertySubgraph } from "./app.ts";

const config = await loadServerConfig();
const subgraph = await startPropertySubgraph(config, Number(process.env.PORT ?? 4001));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void subgraph.stop().then(() => process.exit(0)));
}
