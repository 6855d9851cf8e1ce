// Subgraphs answer only the gateway: it sends a shared secret on every subgraph fetch and on its
// subgraph websockets. The network policy is one layer; this is the next one, so a subgraph that
// is reachable by mistake still refuses strangers. (The same secret marks what the gateway already
// checked, e.g. a partner's quota charged once per request.)
import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { dirname } from "node:path";

export const SUBGRAPH_SECRET_HEADER = "x-ppt-subgraph-secret";

/** The configured secret; outside production, one generated once into the data folder (shared by every local process). */
export function loadSubgraphSecret(env: NodeJS.ProcessEnv, production: boolean, file: string): string {
  const configured = env.SUBGRAPH_SHARED_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error("SUBGRAPH_SHARED_SECRET must be at least 32 characters");
    return configured;
  }
  if (production) throw new Error("SUBGRAPH_SHARED_SECRET must be set in production");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // Processes start together and may race: write aside, then move into place once.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, randomBytes(32).toString("base64url"), { mode: 0o600 });
    if (!existsSync(file)) renameSync(temp, file);
  }
  return readFileSync(file, "utf8").trim();
}

/** Constant-time comparison of the header with the secret. */
export function carriesSubgraphSecret(headers: IncomingHttpHeaders, secret: string): boolean {
  const sent = headers[SUBGRAPH_SECRET_HEADER];
  if (typeof sent !== "string") return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
