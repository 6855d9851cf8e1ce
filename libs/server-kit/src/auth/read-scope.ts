// How far a caller's READ permission reaches: the one rule every list and detail path applies.
//
// - No `<kind>:read`: FORBIDDEN (a list never answers empty to a caller who may not read it).
// - A partner client (API client) holding `<kind>:read` reads the whole organization: a client
//   lives nowhere, and the administrator who granted the scope granted the organization's data.
// - A person holding `<kind>:read` reads the whole organization when they also hold the kind's
//   staff permission (see `organizationWideBy`): in the role table that is org_admin and manager
//   (and super_admin). Everyone else — owner, tenant, contractor, guest — reads only what is
//   theirs: the buildings and units they own or live in, what they reported or were assigned,
//   what was shared with them. Their `<kind>:read` is resident-scoped.
// A single object outside the reach answers NOT_FOUND, exactly like a missing id (the services'
// `visible…` functions).
import type { Caller } from "./caller.ts";
import type { Permission } from "./permissions.ts";

export type ReadKind = "buildings" | "faults" | "votes" | "announcements" | "documents" | "meters" | "financial";

/** The permission that makes a PERSON's read of a kind organization-wide (the kind's staff work). */
export const organizationWideBy: Readonly<Record<ReadKind, Permission>> = {
  buildings: "buildings:write",
  faults: "faults:assign",
  votes: "votes:write",
  announcements: "announcements:write",
  documents: "documents:write",
  meters: "meters:manage",
  financial: "financial:write",
};

export type ReadScope = "organization" | "own";

/** The caller's reach over a kind of data, or null when they may not read it at all. */
export function readScopeOf(caller: Caller | null, kind: ReadKind): ReadScope | null {
  if (!caller?.permissions.has(`${kind}:read`)) return null;
  if (caller.clientId) return "organization";
  return caller.permissions.has(organizationWideBy[kind]) ? "organization" : "own";
}

/** Whether the caller reads every object of the kind in the active organization. */
export function readsWholeOrganization(caller: Caller | null, kind: ReadKind): boolean {
  return readScopeOf(caller, kind) === "organization";
}
