// The organization's audit log, read through the kit that writes it (the audit table has no
// row-level security: the kit's query names the caller's organization). Newest first.
import type { AuditLog } from "@ppt/db/client";
import {
  AppError,
  auditEntriesOf,
  countAuditEntries,
  pageSize,
  prismaCursor,
  requirePermission,
  toConnection,
  type AuditEntryFilter,
  type Connection,
} from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import type { AuditLogFilter } from "../../generated/graphql.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The GraphQL filter as the kit's: ids checked (a malformed one is the caller's mistake, not a database error). */
function toEntryFilter(filter: AuditLogFilter | null | undefined): AuditEntryFilter {
  if (!filter) return {};
  for (const [field, id] of [
    ["actorId", filter.actorId],
    ["entityId", filter.entityId],
  ] as const) {
    if (id && !UUID.test(id)) throw AppError.badInput(`${field} is not an id`, { field });
  }
  const instant = (value: unknown) => (value == null ? null : new Date(value as string));
  const from = instant(filter.from);
  const to = instant(filter.to);
  if (from && to && from > to) throw AppError.badInput("from is after to", { field: "from" });
  return { actorUserId: filter.actorId, entityType: filter.entityType?.trim() || null, entityId: filter.entityId, from, to };
}

export async function auditLog(
  ctx: PropertyContext,
  filter?: AuditLogFilter | null,
  first?: number | null,
  after?: string | null,
): Promise<Connection<AuditLog>> {
  requirePermission(ctx.caller, "audit:read");
  const limit = pageSize(first);
  const organizationId = ctx.caller.organizationId;
  const narrowed = toEntryFilter(filter);
  const rows = await ctx.db.read((tx) => auditEntriesOf(tx, organizationId, limit + 1, prismaCursor(after), narrowed));
  return toConnection(
    rows,
    limit,
    (entry) => [entry.id],
    () => ctx.db.read((tx) => countAuditEntries(tx, organizationId, narrowed)),
  );
}
