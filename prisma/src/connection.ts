// Where the databases are. One owner URL (migrations, seed, tests' setup) and one URL per
// server role: each subgraph connects as its own role, which is neither owner, superuser nor
// BYPASSRLS, so Row-Level Security applies to everything it runs.
import { parse } from "pg-connection-string";

/** The embedded PostgreSQL that `npm start` runs when no DATABASE_URL is given. */
export const EMBEDDED_PORT = 54329;
export const EMBEDDED_DATABASE_URL = `postgresql://postgres:ppt-embedded@127.0.0.1:${EMBEDDED_PORT}/ppt`;
/** Development password of the server roles; production passes full URLs per role. */
const DEV_ROLE_PASSWORD = "ppt-dev";

export type ServerRole = "property" | "reality" | "admin";

/** The database role each server process logs in as (created by the security migration). */
export const roleNames: Record<ServerRole, string> = {
  property: "ppt_property",
  reality: "ppt_reality",
  admin: "ppt_admin",
};

const roleUrlVariables: Record<ServerRole, string> = {
  property: "PROPERTY_DATABASE_URL",
  reality: "REALITY_DATABASE_URL",
  admin: "ADMIN_DATABASE_URL",
};

export function ownerDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ?? EMBEDDED_DATABASE_URL;
}

/** The URL of one server role: given explicitly, or the owner's server and database with that role's login. */
export function roleDatabaseUrl(role: ServerRole, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[roleUrlVariables[role]];
  if (explicit) return explicit;
  return withLogin(ownerDatabaseUrl(env), roleNames[role], env.DB_ROLE_PASSWORD ?? DEV_ROLE_PASSWORD);
}

export function withLogin(databaseUrl: string, user: string, password?: string): string {
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = password ?? "";
  return url.toString();
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  const name = parse(databaseUrl).database;
  if (!name) throw new Error("database URL names no database");
  return name;
}
