// npm run dev:token -- --user <id> --org <id> [--roles manager,owner] [--aud ppt|portal] [--ttl 3600]
// Mints a development access token with the development key (never in production).
import { parseArgs } from "node:util";
import { loadServerConfig, TokenSigner, type Audience } from "@ppt/server-kit";
import { permissionsOf } from "./modules/organizations/index.ts";

const { values } = parseArgs({
  options: {
    user: { type: "string" },
    org: { type: "string" },
    roles: { type: "string", default: "manager" },
    aud: { type: "string", default: "ppt" },
    ttl: { type: "string", default: "3600" },
  },
});
if (!values.user) {
  console.error("usage: npm run dev:token -- --user <id> [--org <id>] [--roles manager,owner] [--aud ppt|portal] [--ttl seconds]");
  process.exit(2);
}
const config = await loadServerConfig();
if (config.production || !config.keys.signing) {
  console.error("dev:token only works with a development signing key");
  process.exit(1);
}
const roles = values.roles.split(",").filter(Boolean);
const token = await new TokenSigner(config.keys.signing).sign(
  { sub: values.user, aud: values.aud as Audience, org: values.org ?? null, roles, permissions: permissionsOf(roles) },
  Number(values.ttl),
);
console.log(token);
