// The live channel of a person's notification centre (`notificationAdded`): one per person,
// filtered by organization on delivery.
import { routeKey, type LiveRoutes } from "@ppt/server-kit";

export const notificationsChannel = (userId: string) => `notifications:${userId}`;

export const notificationLiveRoutes: LiveRoutes = {
  "notification.*": (event) => [notificationsChannel(routeKey(event, "userId"))],
};
