// The organization's audit log (platform.audit_logs has no row-level security: the query names
// the caller's organization). Newest first.
import type { AuditLog } from "@ppt/db/client";
import { pageSize, prismaCursor, requirePermission, toConnection, type Connection } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export async function auditLog(ctx: PropertyContext, first?: number | null, after?: string | null): Promise<Connection<AuditLog>> {
  requirePermission(ctx.caller, "audit:read");
  const limit = pageSize(first);
  const where = { organizationId: ctx.caller.organizationId };
  const rows = await ctx.db.read((tx) => tx.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, ...prismaCursor(after) }));
  return toConnection(rows, limit, (entry) => [entry.id], () => ctx.db.read((tx) => tx.auditLog.count({ where })));
}
