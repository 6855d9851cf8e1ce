import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, entranceById } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import * as announcements from "./service.ts";

export const announcementResolvers: Resolvers = {
  Query: {
    announcements: (_, { filter, first, after }, ctx) => announcements.listAnnouncements(ctx, filter, first, after),
    announcement: (_, { id }, ctx) => announcements.getAnnouncement(ctx, id),
    unreadAnnouncementsCount: (_, __, ctx) => announcements.unreadAnnouncementsCount(ctx),
  },
  Mutation: {
    createAnnouncement: (_, { input }, ctx) => announcements.createAnnouncement(ctx, input),
    updateAnnouncement: (_, { id, input }, ctx) => announcements.updateAnnouncement(ctx, id, input),
    publishAnnouncement: (_, { id, publishAt }, ctx) => announcements.publishAnnouncement(ctx, id, publishAt),
    archiveAnnouncement: (_, { id }, ctx) => announcements.archiveAnnouncement(ctx, id),
    commentOnAnnouncement: (_, { announcementId, body }, ctx) => announcements.commentOnAnnouncement(ctx, announcementId, body),
    markAnnouncementRead: (_, { id }, ctx) => announcements.markAnnouncementRead(ctx, id),
  },
  Announcement: {
    building: (a, _, ctx) => (a.buildingId ? buildingById(ctx, a.buildingId) : null),
    entrance: (a, _, ctx) => (a.entranceId ? entranceById(ctx, a.entranceId) : null),
    author: async (a, _, ctx) => (await memberById(ctx, a.authorId))!,
    readByMe: (a, _, ctx) => announcements.readByMe(ctx, a),
    comments: (a, { first, after }, ctx) => announcements.commentsOfAnnouncement(ctx, a, first, after),
  },
  AnnouncementComment: {
    author: async (c, _, ctx) => (await memberById(ctx, c.authorId))!,
  },
};
