// The voting screens' URLs (filters live in the query string, so a filtered list can be linked).
import type { VoteStatus } from "../generated/graphql.ts";

/** The list with a status and a building filter: /hlasovania?stav=PUBLISHED&budova=… */
export function votesPath(filter: { status?: VoteStatus | null; buildingId?: string | null }): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("stav", filter.status);
  if (filter.buildingId) params.set("budova", filter.buildingId);
  const query = params.toString();
  return query ? `/hlasovania?${query}` : "/hlasovania";
}

/** The create form, with the building preselected when given. */
export function newVotePath(buildingId?: string | null): string {
  return buildingId ? `/hlasovania/nove?budova=${encodeURIComponent(buildingId)}` : "/hlasovania/nove";
}
