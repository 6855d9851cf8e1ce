// Set-based writes of thousands of rows (a reading company's file, a month's prescriptions) record
// one outbox event and one audit entry per row. Sending each as JSON (writeOutboxEvents,
// writeAuditLogs) costs seconds at 10,000 rows; here a module passes the query that yields its rows
// and the kit, which owns both tables, inserts from it in one statement.
import { Prisma } from "@ppt/db/client";
import type { Tx } from "../db/tenant-db.ts";
import { currentTraceparent } from "../tracing/trace-context.ts";
import type { AuditActor } from "./audit.ts";

export interface RecordedRows {
  /** A query whose rows are (entity_id uuid, event_type text, payload jsonb). */
  rows: Prisma.Sql;
  /** The outbox's aggregate type and the audit entry's entity type, e.g. "meter_reading". */
  entityType: string;
  /** The audit action, e.g. "meter.reading_imported". */
  action: string;
}

/** One event (its payload with the actor's id) and one audit entry (the payload as diff) per row. */
export async function recordRowsChanged(tx: Tx, actor: AuditActor, recorded: RecordedRows): Promise<void> {
  const { caller } = actor;
  const organizationId = caller?.organizationId ?? null;
  const actorUserId = caller && !caller.clientId ? caller.userId : null;
  const actorClientId = caller?.clientId ? caller.userId : null;
  await tx.$executeRaw(Prisma.sql`
    WITH changed AS (${recorded.rows}), outbox AS (
      INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, organization_id, payload, traceparent)
      SELECT ${recorded.entityType}, c.entity_id, c.event_type, ${organizationId}::uuid, c.payload || jsonb_build_object('actorId', ${caller?.userId ?? null}::text),
             ${currentTraceparent() ?? null}::varchar
      FROM changed c
    )
    INSERT INTO platform.audit_logs (organization_id, actor_user_id, actor_api_client_id, action, entity_type, entity_id, diff, request_id, ip, user_agent)
    SELECT ${organizationId}::uuid, ${actorUserId}::uuid, ${actorClientId}::uuid, ${recorded.action}, ${recorded.entityType}, c.entity_id, c.payload,
           ${actor.requestId ?? null}, ${actor.ip ?? null}, ${actor.userAgent ?? null}
    FROM changed c`);
}
