// Faults: reporting, triage, assignment and the status workflow. Every status change leaves a
// history row; every change writes its domain event and audit entry in the same transaction.
import type { Fault, FaultStatus, Prisma } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type CommittedEvent,
  type SortKey,
  type Tx,
  withIdempotency,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { canSeeBuilding } from "../buildings/index.ts";
import { requirePlace, residencyOf } from "../buildings/index.ts";
import { isActiveMember } from "../members/index.ts";
import { attachUploads } from "./attachments.ts";
import { canSeeFault, isFaultStaff, visibleFaultsWhere } from "./access.ts";
import { assertTransition, faultTransitions, openFaultStatuses, participantMay } from "./transitions.ts";

const FAULT_ORDER: SortKey[] = [
  { field: "createdAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

export interface FaultFilter {
  status?: FaultStatus[] | null;
  category?: Fault["category"][] | null;
  priority?: Fault["priority"][] | null;
  buildingId?: string | null;
  unitId?: string | null;
  assigneeId?: string | null;
  reportedByMe?: boolean | null;
  search?: string | null;
}

export async function listFaults(ctx: PropertyContext, filter: FaultFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "faults:read");
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const search = filter?.search?.trim();
  const where: Prisma.FaultWhereInput = {
    AND: [
      await visibleFaultsWhere(ctx),
      {
        ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
        ...(filter?.category?.length ? { category: { in: filter.category } } : {}),
        ...(filter?.priority?.length ? { priority: { in: filter.priority } } : {}),
        ...(filter?.buildingId ? { buildingId: filter.buildingId } : {}),
        ...(filter?.unitId ? { unitId: filter.unitId } : {}),
        ...(filter?.assigneeId ? { assigneeId: filter.assigneeId } : {}),
        ...(filter?.reportedByMe ? { reporterId: ctx.caller.userId } : {}),
        ...(search ? { OR: [{ title: { contains: search, mode: "insensitive" } }, { description: { contains: search, mode: "insensitive" } }] } : {}),
      },
    ],
  };
  const rows = await ctx.db.read((tx) =>
    tx.fault.findMany({
      where: { AND: [where, keysetWhere(FAULT_ORDER, cursor)] },
      orderBy: keysetOrderBy(FAULT_ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.fault.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (f) => [f.createdAt.toISOString(), f.id],
    () => ctx.db.read((tx) => tx.fault.count({ where })),
  );
}

/** A fault the caller may see, else NOT_FOUND (another tenant's or a neighbour's look the same). */
export async function getFault(ctx: PropertyContext, id: string): Promise<Fault> {
  requirePermission(ctx.caller, "faults:read");
  const fault = await ctx.loaders.fault.load(id);
  if (!fault || !(await canSeeFault(ctx, fault))) throw AppError.notFound("Fault");
  return fault;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const category = z.enum([
  "PLUMBING",
  "ELECTRICAL",
  "HEATING",
  "ELEVATOR",
  "STRUCTURAL",
  "ROOF",
  "WINDOWS_DOORS",
  "COMMON_AREAS",
  "CLEANING",
  "SECURITY",
  "EXTERIOR",
  "PESTS",
  "OTHER",
]);
const priority = z.enum(["LOW", "MEDIUM", "HIGH", "URGENT"]);

const reportSchema = z.object({
  buildingId: z.uuid(),
  unitId: z.uuid().nullish(),
  entranceId: z.uuid().nullish(),
  title: text(255),
  description: text(10_000),
  category: category.nullish(),
  priority: priority.nullish(),
  locationDescription: z.string().trim().max(500).nullish(),
  attachmentUploadIds: z.array(z.uuid()).max(10).nullish(),
});

/**
 * With an idempotency key (the mobile app's offline queue sends one per report), a resend returns
 * the fault the first request made instead of a second one; the key lives in the organization's
 * one idempotency store, beside the finance module's keys.
 */
export async function reportFault(ctx: PropertyContext, input: unknown, idempotencyKey?: string | null): Promise<Fault> {
  requirePermission(ctx.caller, "faults:write");
  const caller = ctx.caller;
  const data = parseInput(reportSchema, input, "input");
  // Staff report anywhere in the organization; residents in their own buildings, for the common
  // parts or their own unit.
  if (!isFaultStaff(ctx.caller) && !(await canSeeBuilding(ctx, data.buildingId))) throw AppError.notFound("Building");
  if (data.unitId && !isFaultStaff(ctx.caller) && !(await residencyOf(ctx)).unitIds.has(data.unitId)) throw AppError.notFound("Unit");
  let event: CommittedEvent | undefined;
  const create = async (tx: Tx) => {
    await requirePlace(tx, { buildingId: data.buildingId, unitId: data.unitId, entranceId: data.entranceId });
    const row = await tx.fault.create({
      data: {
        organizationId: caller.organizationId,
        buildingId: data.buildingId,
        unitId: data.unitId ?? null,
        entranceId: data.entranceId ?? null,
        reporterId: caller.userId,
        title: data.title,
        description: data.description,
        category: data.category ?? "OTHER",
        priority: data.priority ?? "MEDIUM",
        locationDescription: data.locationDescription ?? null,
      },
    });
    await tx.faultStatusHistory.create({
      data: { organizationId: row.organizationId, faultId: row.id, fromStatus: null, toStatus: "NEW", changedById: caller.userId, createdAt: row.createdAt },
    });
    await attachUploads(tx, ctx, row, data.attachmentUploadIds ?? []);
    event = await recordChange(tx, ctx, {
      entityType: "fault",
      entityId: row.id,
      eventType: "fault.reported",
      payload: { buildingId: row.buildingId, unitId: row.unitId, category: row.category, priority: row.priority },
    });
    return { faultId: row.id };
  };
  // The reporter is part of the request: another person reusing a key is refused, not handed
  // someone else's fault.
  const params = { ...data, reporterId: caller.userId };
  const { faultId } = await ctx.db.write((tx) =>
    idempotencyKey == null ? create(tx) : withIdempotency(tx, { key: idempotencyKey, operation: "faults.reportFault", params }, () => create(tx)),
  );
  if (event) ctx.events.committed(event);
  return getFault(ctx, faultId);
}

const updateSchema = z.object({
  title: text(255).nullish(),
  description: text(10_000).nullish(),
  category: category.nullish(),
  priority: priority.nullish(),
  locationDescription: z.string().trim().max(500).nullish(),
});

/** Staff edit any fault; the reporter may correct it while nobody has looked at it yet (NEW). */
export async function updateFault(ctx: PropertyContext, id: string, input: unknown): Promise<Fault> {
  requirePermission(ctx.caller, "faults:write");
  const data = parseInput(updateSchema, input, "input");
  const fault = await getFault(ctx, id);
  const mayEdit = isFaultStaff(ctx.caller) || (fault.reporterId === ctx.caller.userId && fault.status === "NEW");
  if (!mayEdit) throw AppError.forbidden("Only staff may edit this fault now");
  const changes = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && !(v === null && k !== "locationDescription")));
  return rewrite(ctx, id, async (tx) => {
    const row = await tx.fault.update({ where: { id }, data: changes });
    return {
      row,
      event: await recordChange(tx, ctx, {
        entityType: "fault",
        entityId: id,
        eventType: "fault.updated",
        payload: { buildingId: row.buildingId, fields: Object.keys(changes) },
      }),
    };
  });
}

export async function assignFault(ctx: PropertyContext, id: string, assigneeId: string | null | undefined): Promise<Fault> {
  requirePermission(ctx.caller, "faults:assign");
  const fault = await getFault(ctx, id);
  if (assigneeId && !(await isActiveMember(ctx, assigneeId))) throw AppError.badInput("No such member of the organization", { field: "assigneeId" });
  return rewrite(ctx, id, async (tx) => {
    const row = await tx.fault.update({ where: { id }, data: { assigneeId: assigneeId ?? null } });
    const event = await recordChange(tx, ctx, {
      entityType: "fault",
      entityId: id,
      eventType: "fault.assigned",
      payload: { buildingId: fault.buildingId, assigneeId: assigneeId ?? null, previousAssigneeId: fault.assigneeId },
    });
    return { row, event };
  });
}

/** Locks the fault row, runs the change, wakes live subscribers once committed, and refreshes this request's cached copy. */
async function rewrite(ctx: PropertyContext, id: string, change: (tx: Tx, locked: Fault) => Promise<{ row: Fault; event: CommittedEvent }>): Promise<Fault> {
  const { row: fault, event } = await ctx.db.write(async (tx) => {
    await tx.$queryRaw`SELECT id FROM property.faults WHERE id = ${id}::uuid FOR UPDATE`;
    const locked = await tx.fault.findUnique({ where: { id } });
    if (!locked) throw AppError.notFound("Fault");
    return change(tx, locked);
  });
  ctx.events.committed(event);
  ctx.loaders.fault.clear(id).prime(id, fault);
  return fault;
}

const statusSchema = z.object({
  status: z.enum(["NEW", "TRIAGED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"]),
  note: z.string().trim().max(2000).nullish(),
});

export async function changeFaultStatus(ctx: PropertyContext, id: string, status: FaultStatus, note?: string | null): Promise<Fault> {
  requirePermission(ctx.caller, "faults:write");
  const data = parseInput(statusSchema, { status, note });
  const visible = await getFault(ctx, id);
  const me = ctx.caller.userId;
  return rewrite(ctx, id, async (tx, fault) => {
    const from = fault.status;
    assertTransition(from, data.status);
    const allowed =
      isFaultStaff(ctx.caller) ||
      (fault.assigneeId === me && participantMay("assignee", from, data.status)) ||
      (visible.reporterId === me && participantMay("reporter", from, data.status));
    if (!allowed) throw AppError.forbidden(`You may not move this fault from ${from} to ${data.status}`);
    // History is ordered by time: never earlier than the previous row, even within one millisecond.
    const last = await tx.faultStatusHistory.findFirst({ where: { faultId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const at = new Date(Math.max(Date.now(), (last?.createdAt.getTime() ?? 0) + 1));
    const row = await tx.fault.update({
      where: { id },
      data: {
        status: data.status,
        ...(data.status === "RESOLVED" ? { resolvedAt: at } : {}),
        ...(data.status === "IN_PROGRESS" && from === "RESOLVED" ? { resolvedAt: null } : {}),
        ...(data.status === "CLOSED" || data.status === "REJECTED" ? { closedAt: at } : {}),
      },
    });
    await tx.faultStatusHistory.create({
      data: {
        organizationId: fault.organizationId,
        faultId: id,
        fromStatus: from,
        toStatus: data.status,
        changedById: me,
        note: data.note ?? null,
        createdAt: at,
      },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "fault",
      entityId: id,
      eventType: "fault.status_changed",
      payload: { buildingId: fault.buildingId, from, to: data.status, reporterId: fault.reporterId },
    });
    return { row, event };
  });
}

/** The statuses the caller could move this fault to now. */
export function allowedTransitions(ctx: PropertyContext, fault: Fault): FaultStatus[] {
  const me = ctx.caller?.userId;
  if (!ctx.caller?.permissions.has("faults:write")) return [];
  return faultTransitions[fault.status].filter(
    (to) =>
      isFaultStaff(ctx.caller) ||
      (fault.assigneeId === me && participantMay("assignee", fault.status, to)) ||
      (fault.reporterId === me && participantMay("reporter", fault.status, to)),
  );
}

export interface FaultStatisticsRow {
  id: string;
  openFaults: { status: FaultStatus; category: Fault["category"]; count: number }[];
  averageResolutionHours: number | null;
}

/** Open faults by status and category and the mean resolution time, per building, in two statements. */
export async function loadFaultStatistics(tx: Tx, buildingIds: string[]): Promise<FaultStatisticsRow[]> {
  const open = await tx.$queryRaw<{ building_id: string; status: FaultStatus; category: Fault["category"]; count: number }[]>`
    SELECT building_id, status::text AS status, category::text AS category, count(*)::int AS count
    FROM property.faults
    WHERE building_id = ANY (${buildingIds}::uuid[]) AND status::text = ANY (${[...openFaultStatuses]}::text[])
    GROUP BY building_id, status, category
    ORDER BY building_id, status, category`;
  const resolution = await tx.$queryRaw<{ building_id: string; hours: number | null }[]>`
    SELECT building_id, (avg(extract(epoch FROM resolved_at - created_at)) / 3600)::float8 AS hours
    FROM property.faults
    WHERE building_id = ANY (${buildingIds}::uuid[]) AND resolved_at IS NOT NULL
    GROUP BY building_id`;
  return buildingIds.map((id) => ({
    id,
    openFaults: open.filter((r) => r.building_id === id).map((r) => ({ status: r.status, category: r.category, count: r.count })),
    averageResolutionHours: resolution.find((r) => r.building_id === id)?.hours ?? null,
  }));
}

/** For building statistics (staff only: the caller was checked by the buildings module). */
export async function faultStatisticsOfBuilding(ctx: PropertyContext, buildingId: string): Promise<FaultStatisticsRow> {
  return (await ctx.loaders.faultStatisticsByBuilding.load(buildingId)) ?? { id: buildingId, openFaults: [], averageResolutionHours: null };
}
