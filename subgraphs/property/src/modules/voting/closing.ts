// Closing a vote: by staff (closeVote) or, at its end time, by the scheduler (closeDueVotes).
// Both take the same path: under the vote's row lock, the final tally is computed and stored
// with a new tally version, and `vote.closed` + `vote.tally_updated` go to the outbox in the
// same transaction.
import type { PrismaClient, Vote } from "@ppt/db/client";
import { committedEvent, writeAuditLog, writeOutboxEvent, type CommittedEvent, type Tx } from "@ppt/server-kit";
import type { Change } from "../../shared/changes.ts";
import { lockVote, storeTally, type StoredTally } from "./live-tally.ts";
import { forEachOrganization } from "../organizations/index.ts";

/** Writes a change's outbox event and audit entry (the request's actor, or the scheduler). */
export type ChangeRecorder = (tx: Tx, change: Change) => Promise<CommittedEvent>;

export async function closeLockedVote(tx: Tx, lockedVote: Vote, record: ChangeRecorder, now: Date): Promise<{ vote: Vote; events: CommittedEvent[] }> {
  const closed = await tx.vote.update({ where: { id: lockedVote.id }, data: { status: "CLOSED", closedAt: now } });
  const { vote, event } = await storeTally(tx, closed);
  const { tally } = vote.result as unknown as StoredTally;
  const change = await record(tx, {
    entityType: "vote",
    entityId: vote.id,
    eventType: "vote.closed",
    payload: { version: vote.tallyVersion.toString(), outcome: tally.outcome, buildingId: vote.buildingId },
  });
  return { vote, events: [event, change] };
}

/** The scheduler acts for nobody: its changes carry no actor. */
function systemRecorder(organizationId: string): ChangeRecorder {
  return async (tx, change) => {
    const event = {
      aggregateType: change.entityType,
      aggregateId: change.entityId,
      eventType: change.eventType,
      organizationId,
      payload: { ...change.payload, actorId: null },
    };
    const id = await writeOutboxEvent(tx, event);
    await writeAuditLog(
      tx,
      { caller: null },
      { action: change.eventType, entityType: change.entityType, entityId: change.entityId, diff: change.payload ?? {} },
    );
    return committedEvent(id, event);
  };
}

export interface SchedulerDeps {
  /** The property role's client: RLS stays on, each organization is visited under its own tenant. */
  prisma: PrismaClient;
}

/**
 * Closes every open vote whose end time has passed (called by the scheduler worker, e.g. every
 * minute). Each organization is one transaction; rows another closer holds are skipped
 * (SKIP LOCKED), so replicas and a manager's simultaneous closeVote never close a vote twice.
 * The outbox relay publishes the events. Returns the ids of the votes it closed.
 */
export async function closeDueVotes(deps: SchedulerDeps, now = new Date(), batchSize = 100): Promise<string[]> {
  // One organization's failure must not keep the others' votes open.
  const closed = await forEachOrganization(deps.prisma, "closeDueVotes", (db, organizationId) =>
    db.write(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM property.votes
        WHERE status = 'PUBLISHED' AND ends_at <= ${now}
        ORDER BY ends_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const { id } of due) await closeLockedVote(tx, await lockVote(tx, id), systemRecorder(organizationId), now);
      return due.map((d) => d.id);
    }),
  );
  return closed.flat();
}
