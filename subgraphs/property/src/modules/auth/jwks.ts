// The public keys access tokens are verified with, for anyone who verifies them (partners,
// other services): GET /.well-known/jwks.json on the property subgraph. Only public members
// leave, whatever the configured set holds.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONWebKeySet } from "jose";
import type { ServiceDeps } from "@ppt/server-kit";

const PRIVATE_MEMBERS = new Set(["d", "p", "q", "dp", "dq", "qi", "k", "oth"]);

export function publicKeySet(jwks: JSONWebKeySet): JSONWebKeySet {
  return {
    keys: jwks.keys.map((key) => Object.fromEntries(Object.entries(key).filter(([name]) => !PRIVATE_MEMBERS.has(name))) as JSONWebKeySet["keys"][number]),
  };
}

export function jwksRoutes(deps: ServiceDeps) {
  const body = JSON.stringify(publicKeySet(deps.config.keys.jwks));
  return {
    "/.well-known/jwks.json": (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=300" });
      res.end(body);
    },
  };
}
