// The organization's audit log, read through the kit that writes it (the audit table has no
// row-level security: the kit's query names the caller's organization). Newest first.
import type { AuditLog } from "@ppt/db/client";
import { auditEntriesOf, countAuditEntries, pageSize, prismaCursor, requirePermission, toConnection, type Connection } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export async function auditLog(ctx: PropertyContext, first?: number | null, after?: string | null): Promise<Connection<AuditLog>> {
  requirePermission(ctx.caller, "audit:read");
  const limit = pageSize(first);
  const organizationId = ctx.caller.organizationId;
  const rows = await ctx.db.read((tx) => auditEntriesOf(tx, organizationId, limit + 1, prismaCursor(after)));
  return toConnection(
    rows,
    limit,
    (entry) => [entry.id],
    () => ctx.db.read((tx) => countAuditEntries(tx, organizationId)),
  );
}
