import { loaderById } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { loadMembers } from "../organizations/index.ts";

export function createMemberLoaders(ctx: PropertyContext) {
  return {
    /** Members of the caller's active organization, by user id. */
    user: loaderById((ids) => ctx.db.read((tx) => loadMembers(tx, ctx.caller?.organizationId ?? null, ids))),
  };
}
