// The audit log's filter lives in the URL (?kto=&druh=&zaznam=&od=&do=), so a filtered view can be
// linked and reloaded; dates are whole days in the reader's time zone, "do" included.
import type { AuditLogFilter } from "../generated/graphql.ts";

export interface AuditFilterFields {
  actorId: string;
  entityType: string;
  entityId: string;
  /** yyyy-mm-dd or "". */
  from: string;
  /** yyyy-mm-dd or "", inclusive. */
  to: string;
}

const KEYS: Record<keyof AuditFilterFields, string> = { actorId: "kto", entityType: "druh", entityId: "zaznam", from: "od", to: "do" };

export function auditFilterFromSearch(search: string): AuditFilterFields {
  const params = new URLSearchParams(search);
  const get = (key: keyof AuditFilterFields) => params.get(KEYS[key])?.trim() ?? "";
  return { actorId: get("actorId"), entityType: get("entityType"), entityId: get("entityId"), from: get("from"), to: get("to") };
}

export function auditPath(fields: Partial<AuditFilterFields>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof AuditFilterFields)[]) {
    const value = fields[key]?.trim();
    if (value) params.set(KEYS[key], value);
  }
  const query = params.toString();
  return `/audit${query ? `?${query}` : ""}`;
}

/** Local midnight of a yyyy-mm-dd day, `days` later, as an ISO instant; null for anything else. */
function dayStart(day: string, days = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).toISOString();
}

/** The API's filter: "to" is the start of the day after the last day shown. */
export function toAuditLogFilter(fields: AuditFilterFields): AuditLogFilter {
  return {
    actorId: fields.actorId || null,
    entityType: fields.entityType || null,
    entityId: fields.entityId || null,
    from: dayStart(fields.from),
    to: dayStart(fields.to, 1),
  };
}
