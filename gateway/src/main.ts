import { loadGatewayConfig } from "./config.ts";
import { startGateway } from "./app.ts";

const config = await loadGatewayConfig();
const gateway = await startGateway(config, Number(process.env.PORT ?? 4000));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void gateway.stop().then(() => process.exit(0)));
}
