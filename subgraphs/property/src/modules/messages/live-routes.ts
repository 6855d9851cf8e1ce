// The live channel of a conversation (`messageAdded`): its messages' and its own events.
// Typing signals never touch the outbox (conversations.ts publishes them directly).
import { routeKey, type LiveRoutes } from "@ppt/server-kit";

export const conversationChannel = (conversationId: string) => `conversation:${conversationId}`;

export const messageLiveRoutes: LiveRoutes = {
  "message.*": (event) => [conversationChannel(routeKey(event, "conversationId"))],
  "conversation.*": (event) => [conversationChannel(event.aggregateId)],
};
