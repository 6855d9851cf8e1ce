// Who is calling: the verified access token, reduced to what authorization needs.
import type { IncomingHttpHeaders } from "node:http";
import { AppError } from "../errors.ts";
import type { Permission } from "./permissions.ts";
import { bearerToken, type Audience, type TokenVerifier } from "./tokens.ts";

export interface Caller {
  /** The user (or, for partner credentials, the API client) id. */
  userId: string;
  /** The ACTIVE organization: the token's `org` claim. */
  organizationId: string | null;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  audience: Audience;
  sessionId: string | null;
  clientId: string | null;
  issuedAt: number;
  expiresAt: number;
}

function header(headers: IncomingHttpHeaders | Record<string, unknown>, name: string): string | undefined {
  const value = (headers as Record<string, unknown>)[name];
  return Array.isArray(value) ? String(value[0]) : typeof value === "string" ? value : undefined;
}

/** Reads and verifies the caller from request headers (or a graphql-ws connection_init payload). */
export async function callerFromHeaders(headers: IncomingHttpHeaders | Record<string, unknown>, verifier: TokenVerifier): Promise<Caller | null> {
  const token = bearerToken(header(headers, "authorization") ?? header(headers, "Authorization"));
  if (!token) return null;
  const claims = await verifier.verify(token);
  const tenantHeader = header(headers, "x-tenant-id");
  if (tenantHeader && tenantHeader !== claims.org) throw AppError.forbidden("X-Tenant-Id does not match the active organization");
  return {
    userId: claims.sub,
    organizationId: claims.org ?? null,
    roles: claims.roles ?? [],
    permissions: new Set(claims.permissions ?? []),
    audience: claims.aud,
    sessionId: claims.sid ?? null,
    clientId: claims.client_id ?? null,
    issuedAt: claims.iat,
    expiresAt: claims.exp,
  };
}

/** Deny by default: no caller → UNAUTHENTICATED; no permission in the active organization → FORBIDDEN. */
export function requirePermission(caller: Caller | null, permission: Permission): asserts caller is Caller & { organizationId: string } {
  if (!caller) throw AppError.unauthenticated();
  if (!caller.organizationId || caller.audience !== "ppt") throw AppError.forbidden("No active organization");
  if (!caller.permissions.has(permission)) throw AppError.forbidden(`Missing permission ${permission}`);
}

export function requireCaller(caller: Caller | null): asserts caller is Caller {
  if (!caller) throw AppError.unauthenticated();
}

/** A signed-in person (account flows, memberships): partner clients act only through their permissions. */
export function requireUser(caller: Caller | null): asserts caller is Caller & { clientId: null } {
  if (!caller) throw AppError.unauthenticated();
  if (caller.clientId) throw AppError.forbidden("Only people can do this, not partner clients");
}

/**
 * Whether the token was issued before `instant` (a "log out everywhere", a new password). `iat`
 * has whole seconds, so the comparison is by whole seconds: a token issued in the same second
 * stays valid only when its session is alive (every such revocation also revokes the sessions).
 */
export function issuedBefore(caller: Caller, instant: Date | null): boolean {
  return instant !== null && caller.issuedAt < Math.floor(instant.getTime() / 1000);
}
