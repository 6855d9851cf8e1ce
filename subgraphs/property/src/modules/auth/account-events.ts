// Account changes leave an audit entry in their own transaction, like every mutation; those that
// must reach the person (verification links, reset links, "your password changed") also leave an
// outbox event for the notifications worker. The raw one-time token travels only in the outbox
// payload (the worker emails it); the audit entry never holds a secret or an address.
import { writeAuditLog, writeOutboxEvent, type Caller, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export interface AccountActor {
  /** The account (or, with clientId, the API client row) that acts. */
  userId: string;
  organizationId: string | null;
  clientId?: string;
}

export interface AccountEvent {
  action: string;
  entityType: string;
  entityId: string;
  /** Ids and flags only. */
  diff?: Record<string, unknown>;
  /** For the notifications worker (may hold the raw one-time token). */
  notify?: { eventType: string; payload: Record<string, unknown> };
}

/** The actor of a flow that runs before anyone is signed in (login, reset): the account itself. */
function actorCaller(actor: AccountActor): Caller {
  return {
    userId: actor.userId,
    organizationId: actor.organizationId,
    roles: [],
    permissions: new Set(),
    audience: "ppt",
    sessionId: null,
    clientId: actor.clientId ?? null,
    issuedAt: 0,
    expiresAt: 0,
  };
}

/** `actor`: "caller" (the signed-in caller), an account acting before it has a token, or null (nobody). */
export async function recordAccountEvent(tx: Tx, ctx: PropertyContext, actor: AccountActor | "caller" | null, event: AccountEvent): Promise<void> {
  const caller = actor === "caller" ? ctx.caller : actor ? actorCaller(actor) : null;
  await writeAuditLog(
    tx,
    { caller, requestId: ctx.requestId, ip: ctx.clientIp, userAgent: ctx.userAgent },
    { action: event.action, entityType: event.entityType, entityId: event.entityId, diff: event.diff ?? {} },
  );
  if (event.notify) {
    await writeOutboxEvent(tx, {
      aggregateType: event.entityType,
      aggregateId: event.entityId,
      eventType: event.notify.eventType,
      organizationId: caller?.organizationId ?? null,
      payload: event.notify.payload,
    });
  }
}
