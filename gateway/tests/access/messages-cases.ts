// Access cases of the messages module. Beyond messages:read / messages:write, a conversation is
// its participants' only: a member of A who is not a participant gets exactly what a missing id
// gets (a nullable lookup answers null), a participant may change only their own messages, and
// only the creator (or staff with messages:manage) changes who takes part.
import type { AccessCase, DeniedCaller } from "./cases.ts";

const nonParticipant: DeniedCaller = { who: "a member who is not a participant", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" };
const otherParticipant: DeniedCaller = {
  who: "a participant who is neither its creator nor staff",
  as: (w) => ({ userId: w.memberA, roles: ["owner"] }),
  gets: "FORBIDDEN",
};

export const messagesCases: AccessCase[] = [
  {
    field: "Query.conversations",
    document: `{ conversations(first: 50) { totalCount edges { node { id title lastMessage { id body } } } } }`,
    variables: () => ({}),
    permission: "messages:read",
    kind: "list",
    denied: [{ ...nonParticipant, gets: { hidden: (w) => [w.conversationA, w.messageA] } }],
  },
  {
    field: "Query.conversation",
    document: `query ($id: ID!) { conversation(id: $id) { id title participants { userId } messages(first: 10) { edges { node { id body } } } } }`,
    variables: (w) => ({ id: w.conversationA }),
    permission: "messages:read",
    kind: "byId",
    missingAs: "null",
    denied: [nonParticipant],
  },
  {
    // Someone who is not an active member of the caller's organization is refused as invalid
    // input, the same for a person of another tenant as for an id nobody has.
    field: "Mutation.startConversation",
    document: `mutation ($p: ID!, $b: ID) { startConversation(input: { participantIds: [$p], title: "Výbor", buildingId: $b, message: "Ahoj" }) { id } }`,
    variables: (w) => ({ p: w.memberA, b: w.buildingA }),
    permission: "messages:write",
    kind: "byId",
    missingAs: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.sendMessage",
    document: `mutation ($c: ID!) { sendMessage(input: { conversationId: $c, body: "Dobrý deň" }) { id } }`,
    variables: (w) => ({ c: w.conversationA }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant],
  },
  {
    field: "Mutation.editMessage",
    document: `mutation ($id: ID!) { editMessage(id: $id, body: "Prepísané") { id body } }`,
    variables: (w) => ({ id: w.messageA }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant, { ...otherParticipant, who: "a participant who did not send it" }],
  },
  {
    field: "Mutation.deleteMessage",
    document: `mutation ($id: ID!) { deleteMessage(id: $id) { id deletedAt } }`,
    variables: (w) => ({ id: w.messageA }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant, { ...otherParticipant, who: "a participant who did not send it" }],
  },
  {
    field: "Mutation.markConversationRead",
    document: `mutation ($c: ID!) { markConversationRead(conversationId: $c) { id unreadCount } }`,
    variables: (w) => ({ c: w.conversationA }),
    permission: "messages:read",
    kind: "byId",
    denied: [nonParticipant],
  },
  {
    field: "Mutation.addConversationParticipants",
    document: `mutation ($c: ID!, $u: [ID!]!) { addConversationParticipants(conversationId: $c, userIds: $u) { id participants { userId } } }`,
    variables: (w) => ({ c: w.conversationA, u: [w.neighbourA] }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant, otherParticipant],
  },
  {
    field: "Mutation.removeConversationParticipant",
    document: `mutation ($c: ID!, $u: ID!) { removeConversationParticipant(conversationId: $c, userId: $u) }`,
    variables: (w) => ({ c: w.conversationA, u: w.userA }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant, otherParticipant],
  },
  {
    field: "Mutation.setTyping",
    document: `mutation ($c: ID!) { setTyping(conversationId: $c, typing: true) }`,
    variables: (w) => ({ c: w.conversationA }),
    permission: "messages:write",
    kind: "byId",
    denied: [nonParticipant],
  },
];
