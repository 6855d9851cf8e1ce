// The conversation about a fault (fault_communications): between its reporter, its assignee
// and staff; internal notes are for staff only. Comments of a page of faults load in one
// statement and are paged in memory (a fault has tens of comments, not thousands).
import type { Fault, FaultCommunication } from "@ppt/db/client";
import { AppError, decodeCursorOf, IN_MEMORY_CURSOR, pageInMemory, pageSize, parseInput, requirePermission } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { canSeeFault, isFaultParticipant, isFaultStaff } from "./access.ts";

const commentSchema = z.object({ body: z.string().trim().min(1).max(10_000), internal: z.boolean().nullish() });

export async function commentOnFault(ctx: PropertyContext, faultId: string, body: string, internal?: boolean | null): Promise<FaultCommunication> {
  requirePermission(ctx.caller, "faults:write");
  const caller = ctx.caller;
  const data = parseInput(commentSchema, { body, internal });
  const fault = await ctx.loaders.fault.load(faultId);
  if (!fault || !(await canSeeFault(ctx, fault))) throw AppError.notFound("Fault");
  if (!isFaultParticipant(ctx.caller, fault)) throw AppError.forbidden("Only the reporter, the assignee and staff comment on a fault");
  if (data.internal && !isFaultStaff(ctx.caller)) throw AppError.forbidden("Internal notes are for staff only");
  const { row, event } = await ctx.db.write(async (tx) => {
    const row = await tx.faultCommunication.create({
      data: { organizationId: fault.organizationId, faultId, authorId: caller.userId, body: data.body, isInternal: data.internal ?? false },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "fault",
      entityId: faultId,
      eventType: "fault.commented",
      payload: { buildingId: fault.buildingId, commentId: row.id, internal: row.isInternal, reporterId: fault.reporterId },
    });
    return { row, event };
  });
  ctx.events.committed(event);
  return row;
}

export async function commentsOfFault(ctx: PropertyContext, fault: Fault, first?: number | null, after?: string | null) {
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, IN_MEMORY_CURSOR);
  const visible = isFaultParticipant(ctx.caller, fault) ? await ctx.loaders.commentsByFault.load(fault.id) : [];
  const staff = isFaultStaff(ctx.caller);
  const shown = visible.filter((c) => staff || !c.isInternal);
  return pageInMemory(shown, limit, cursor);
}
