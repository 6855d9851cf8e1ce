import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, entranceById, unitById } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import * as attachments from "./attachments.ts";
import * as comments from "./comments.ts";
import * as faults from "./service.ts";

export const faultResolvers: Resolvers = {
  BuildingStatistics: {
    openFaults: async (stats, _, ctx) => (await faults.faultStatisticsOfBuilding(ctx, stats.buildingId)).openFaults,
    averageResolutionHours: async (stats, _, ctx) => (await faults.faultStatisticsOfBuilding(ctx, stats.buildingId)).averageResolutionHours,
  },
  Query: {
    faults: (_, { filter, first, after }, ctx) => faults.listFaults(ctx, filter, first, after),
    fault: (_, { id }, ctx) => faults.getFault(ctx, id),
    faultAttachment: (_, { id }, ctx) => attachments.getFaultAttachment(ctx, id),
  },
  Mutation: {
    reportFault: (_, { input, idempotencyKey }, ctx) => faults.reportFault(ctx, input, idempotencyKey),
    updateFault: (_, { id, input }, ctx) => faults.updateFault(ctx, id, input),
    assignFault: (_, { id, assigneeId }, ctx) => faults.assignFault(ctx, id, assigneeId),
    changeFaultStatus: (_, { id, status, note }, ctx) => faults.changeFaultStatus(ctx, id, status, note),
    commentOnFault: (_, { faultId, body, internal }, ctx) => comments.commentOnFault(ctx, faultId, body, internal),
    addFaultAttachment: (_, { faultId, uploadId }, ctx) => attachments.addFaultAttachment(ctx, faultId, uploadId),
  },
  Fault: {
    __resolveReference: async ({ id }, ctx) => faults.getFault(ctx, id).catch(() => null),
    building: async (fault, _, ctx) => (await buildingById(ctx, fault.buildingId))!,
    unit: (fault, _, ctx) => (fault.unitId ? unitById(ctx, fault.unitId) : null),
    entrance: (fault, _, ctx) => (fault.entranceId ? entranceById(ctx, fault.entranceId) : null),
    reporter: async (fault, _, ctx) => (await memberById(ctx, fault.reporterId))!,
    assignee: (fault, _, ctx) => (fault.assigneeId ? memberById(ctx, fault.assigneeId) : null),
    statusHistory: (fault, _, ctx) => ctx.loaders.statusHistoryByFault.load(fault.id),
    comments: (fault, { first, after }, ctx) => comments.commentsOfFault(ctx, fault, first, after),
    attachments: (fault, _, ctx) => attachments.attachmentsOfFault(ctx, fault),
    allowedTransitions: (fault, _, ctx) => faults.allowedTransitions(ctx, fault),
  },
  FaultStatusChange: {
    changedBy: (row, _, ctx) => (row.changedById ? memberById(ctx, row.changedById) : null),
  },
  FaultComment: {
    author: async (row, _, ctx) => (await memberById(ctx, row.authorId))!,
  },
  FaultAttachment: {
    downloadUrl: (attachment, _, ctx) => attachments.attachmentDownloadUrl(ctx, attachment),
  },
};
