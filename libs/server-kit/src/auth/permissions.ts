// The permissions an access token may carry: services check these, never role names. Which
// role grants which is the property subgraph's business (its organizations module).
export const permissions = [
  "organization:read",
  "organization:manage",
  "users:read",
  "users:manage",
  "roles:manage",
  "buildings:read",
  "buildings:write",
  "faults:read",
  "faults:write",
  "faults:assign",
  "faults:delete",
  "announcements:read",
  "announcements:write",
  "documents:read",
  "documents:write",
  "documents:delete",
  "votes:read",
  "votes:write",
  "votes:cast",
  "messages:read",
  "messages:write",
  // Staff moderation of conversations they are not part of (add/remove participants).
  "messages:manage",
  "financial:read",
  "financial:write",
  "meters:read",
  "meters:write",
  // Staff work on meters: install, replace, open reading periods, import, verify or reject readings.
  "meters:manage",
  "rentals:read",
  "rentals:write",
  "reports:read",
  "audit:read",
  "api-clients:manage",
  // Publishing the organization's units as Reality Portal listings (reality subgraph).
  "listings:publish",
] as const;

export type Permission = (typeof permissions)[number];
