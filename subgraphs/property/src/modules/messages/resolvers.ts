import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import { attachmentsOfMessage, attachmentUrl } from "./attachments.ts";
import * as conversations from "./conversations.ts";
import * as live from "./live.ts";
import * as messages from "./messages.ts";
import { participationOf } from "./participation.ts";

export const messageResolvers: Resolvers = {
  Query: {
    conversations: (_, { first, after }, ctx) => conversations.listConversations(ctx, first, after),
    conversation: (_, { id }, ctx) => conversations.getConversation(ctx, id),
  },
  Mutation: {
    startConversation: (_, { input }, ctx) => conversations.startConversation(ctx, input),
    sendMessage: (_, { input, idempotencyKey }, ctx) => messages.sendMessage(ctx, input, idempotencyKey),
    editMessage: (_, { id, body }, ctx) => messages.editMessage(ctx, id, body),
    deleteMessage: (_, { id }, ctx) => messages.deleteMessage(ctx, id),
    markConversationRead: (_, { conversationId, messageId }, ctx) => messages.markConversationRead(ctx, conversationId, messageId),
    addConversationParticipants: (_, { conversationId, userIds }, ctx) => conversations.addParticipants(ctx, conversationId, userIds),
    removeConversationParticipant: (_, { conversationId, userId }, ctx) => conversations.removeParticipant(ctx, conversationId, userId),
    setTyping: (_, { conversationId, typing }, ctx) => conversations.setTyping(ctx, conversationId, typing),
  },
  Subscription: {
    messageAdded: {
      subscribe: (_, { conversationId, after }, ctx) => live.subscribeMessageAdded(ctx, conversationId, after),
    },
    typingChanged: {
      subscribe: (_, { conversationId }, ctx) => live.subscribeTypingChanged(ctx, conversationId),
    },
  },
  Conversation: {
    __resolveReference: ({ id }, ctx) => conversations.getConversation(ctx, id),
    building: (conversation, _, ctx) => (conversation.buildingId ? buildingById(ctx, conversation.buildingId) : null),
    createdBy: (conversation, _, ctx) => memberById(ctx, conversation.createdById),
    participants: (conversation, _, ctx) => ctx.loaders.participantsByConversation.load(conversation.id),
    messages: (conversation, args, ctx) => messages.listMessages(ctx, conversation.id, args),
    lastMessage: (conversation, _, ctx) => ctx.loaders.lastMessageByConversation.load(conversation.id),
    unreadCount: (conversation, _, ctx) => ctx.loaders.unreadCount.load(conversation.id),
  },
  ConversationParticipant: {
    user: (participant, _, ctx) => memberById(ctx, participant.userId),
  },
  Message: {
    __resolveReference: async ({ id }, ctx) => {
      const message = await ctx.loaders.message.load(id);
      return message && (await participationOf(ctx, message.conversationId)) ? message : null;
    },
    conversation: (message, _, ctx) => conversations.getConversation(ctx, message.conversationId),
    sender: (message, _, ctx) => memberById(ctx, message.senderId),
    body: (message) => (message.deletedAt ? null : message.body),
    attachments: (message, _, ctx) => attachmentsOfMessage(ctx, message),
  },
  MessageAttachment: {
    url: (attachment, _, ctx) => attachmentUrl(ctx, attachment),
  },
  TypingIndicator: {
    user: (signal, _, ctx) => memberById(ctx, signal.userId),
  },
};
