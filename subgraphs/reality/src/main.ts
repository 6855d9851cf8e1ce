import { loadServerConfig } from "@ppt/server-kit";
import { startRealitySubgraph } from "./app.ts";

const config = await loadServerConfig();
const subgraph = await startRealitySubgraph(config, Number(process.env.PORT ?? 4002));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void subgraph.stop().then(() => process.exit(0)));
}
