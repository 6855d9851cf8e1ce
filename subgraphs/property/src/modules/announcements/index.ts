// The announcements module's public surface.
export { createAnnouncementLoaders } from "./loaders.ts";
export { announcementResolvers } from "./resolvers.ts";
export { announcementNotice, type AnnouncementNotice } from "./notice.ts";
export { publishDueAnnouncements } from "./publishing.ts";
