// A resident's conversations as the mobile app shows them: the list, one conversation with new
// messages live (`messageAdded` over graphql-ws, resuming after the last message the app has),
// and sending a message with the idempotency key the app's offline queue gives each message.
import { graphql } from "../generated/gql.ts";

export const ResidentMessageFields = graphql(`
  fragment ResidentMessage on Message {
    id
    conversationId
    body
    createdAt
    senderId
    sender {
      id
      firstName
    }
  }
`);

export const MyConversations = graphql(`
  query MyConversations {
    conversations(first: 50) {
      edges {
        node {
          id
          kind
          title
          unreadCount
          lastMessageAt
          participants {
            userId
            user {
              id
              firstName
              lastName
            }
          }
          lastMessage {
            id
            body
          }
        }
      }
    }
  }
`);

export const ResidentConversation = graphql(`
  query ResidentConversation($id: ID!) {
    conversation(id: $id) {
      id
      title
      participants {
        userId
        user {
          id
          firstName
          lastName
        }
      }
      messages(first: 50) {
        edges {
          node {
            ...ResidentMessage
          }
        }
      }
    }
  }
`);

export const ResidentMessageAdded = graphql(`
  subscription ResidentMessageAdded($conversationId: ID!, $after: ID) {
    messageAdded(conversationId: $conversationId, after: $after) {
      ...ResidentMessage
    }
  }
`);

export const SendQueuedMessage = graphql(`
  mutation SendQueuedMessage($input: SendMessageInput!, $idempotencyKey: String) {
    sendMessage(input: $input, idempotencyKey: $idempotencyKey) {
      ...ResidentMessage
    }
  }
`);
