// `faultUpdated(buildingId)`: fault events of one building. The wake-up names the fault; each
// subscriber then re-reads it through its own visibility rules (a resident sees only the faults
// of the common parts and of their own units), so a fault they may not see is never announced.
// That is one read per subscriber and event — fine for a building's handful of watchers.
import type { Fault } from "@ppt/db/client";
import { AppError, ErrorCode, EventQueue, requirePermission, type WakeUp } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { buildingById, canSeeBuilding } from "../buildings/index.ts";
import { buildingFaultsChannel, getFault } from "../faults/index.ts";

export interface FaultUpdate {
  faultId: string;
  buildingId: string;
  event: string;
  fault: Fault;
}

export async function subscribeFaultUpdated(ctx: PropertyContext, buildingId: string): Promise<AsyncGenerator<{ faultUpdated: FaultUpdate }>> {
  requirePermission(ctx.caller, "faults:read");
  // Staff "see" every building of their organization: the building must still be one of it (RLS).
  if (!(await buildingById(ctx, buildingId)) || !(await canSeeBuilding(ctx, buildingId))) throw AppError.notFound("Building");
  const organizationId = ctx.caller.organizationId;
  await ctx.db.close(); // authorized: hold no pooled connection while subscribed
  const queue = new EventQueue<{ faultUpdated: FaultUpdate }>();
  // The relay and a service's post-commit path may both deliver an event.
  const recent = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  const unsubscribe = await ctx.events.pubsub.subscribe(buildingFaultsChannel(buildingId), (payload) => {
    const wakeUp = payload as WakeUp;
    if (wakeUp.aggregateType !== "fault" || wakeUp.organizationId !== organizationId || recent.has(wakeUp.eventId)) return;
    recent.add(wakeUp.eventId);
    if (recent.size > 500) recent.delete(recent.values().next().value!);
    // In order: each event waits for the previous one's read.
    pending = pending
      .then(async () => {
        if (queue.closed) return;
        const check = ctx.fork();
        try {
          const fault = await getFault(check, wakeUp.aggregateId);
          queue.push({ faultUpdated: { faultId: fault.id, buildingId, event: wakeUp.eventType, fault } });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== ErrorCode.NotFound) throw error;
        } finally {
          await check.dispose();
        }
      })
      .catch((error) => queue.fail(error));
  });
  queue.onClose(unsubscribe);
  return queue;
}
