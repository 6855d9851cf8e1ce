// The notifications module's public surface.
export { accountMailConsumers, accountMailPaths } from "./delivery/index.ts";
