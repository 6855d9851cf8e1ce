// What the signed-in person may do and where, as their access token says (its `sub`, `org` and
// `permissions` claims). Used only to decide which controls to show and which organization the
// header names: the graph checks every operation itself.

interface TokenClaims {
  /** The person (User id). */
  userId: string | null;
  /** The organization the token acts in. */
  organizationId: string | null;
  permissions: ReadonlySet<string>;
}

const NONE: TokenClaims = { userId: null, organizationId: null, permissions: new Set() };

/** The claims of an access token (a JWT), read without verifying it; none for anything that is not one. */
export function claimsOf(accessToken: string | null): TokenClaims {
  const payload = accessToken?.split(".")[1];
  if (!payload) return NONE;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as {
      sub?: unknown;
      org?: unknown;
      permissions?: unknown;
    };
    return {
      userId: typeof claims.sub === "string" ? claims.sub : null,
      organizationId: typeof claims.org === "string" ? claims.org : null,
      permissions: new Set(Array.isArray(claims.permissions) ? claims.permissions.filter((p): p is string => typeof p === "string") : []),
    };
  } catch {
    return NONE;
  }
}

/** The permissions in an access token; none for anything that is not one. */
export function permissionsOf(accessToken: string | null): ReadonlySet<string> {
  return claimsOf(accessToken).permissions;
}
