// What the signed-in person may do, as their access token says (its `permissions` claim). Used
// only to decide which controls to show: the graph checks every operation itself.

/** The permissions in an access token (a JWT); none for anything that is not one. */
export function permissionsOf(accessToken: string | null): ReadonlySet<string> {
  const payload = accessToken?.split(".")[1];
  if (!payload) return new Set();
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { permissions?: unknown };
    return new Set(Array.isArray(claims.permissions) ? claims.permissions.filter((p): p is string => typeof p === "string") : []);
  } catch {
    return new Set();
  }
}
