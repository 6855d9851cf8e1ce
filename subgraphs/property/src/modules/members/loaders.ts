import DataLoader from "dataloader";
import { loaderById } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { loadActiveMembersByEmail, loadMembers } from "../organizations/index.ts";

export function createMemberLoaders(ctx: PropertyContext) {
  return {
    /** Members of the caller's active organization, by user id. */
    user: loaderById((ids) => ctx.db.read((tx) => loadMembers(tx, ctx.caller?.organizationId ?? null, ids))),
    /** Active members' user ids by normalized e-mail (trimmed, lower case): how imports name owners. */
    memberIdByEmail: new DataLoader<string, string | null>(
      async (emails) => {
        const found = await ctx.db.read((tx) => loadActiveMembersByEmail(tx, ctx.caller?.organizationId ?? null, [...emails]));
        const byEmail = new Map(found.map((m) => [m.email, m.id]));
        return emails.map((email) => byEmail.get(email) ?? null);
      },
      { maxBatchSize: 2000 },
    ),
  };
}
