import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { fullName } from "../format.ts";
import { getFragmentData } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { ConversationMessagesQuery, MessageItemFragment } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

const MessageItemFields = graphql(`
  fragment MessageItem on Message {
    id
    body
    createdAt
    editedAt
    sender {
      id
      firstName
      lastName
    }
  }
`);

const ConversationMessages = graphql(`
  query ConversationMessages($id: ID!) {
    conversation(id: $id) {
      id
      title
      kind
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
          cursor
          node {
            id
            ...MessageItem
          }
        }
      }
    }
  }
`);

export const MessageAdded = graphql(`
  subscription MessageAdded($conversationId: ID!, $after: ID) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      ...MessageItem
    }
  }
`);

const SendMessage = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
      ...MessageItem
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkConversationRead($conversationId: ID!) {
    markConversationRead(conversationId: $conversationId) {
      id
      unreadCount
    }
  }
`);

type Conversation = NonNullable<ConversationMessagesQuery["conversation"]>;
type MessageNode = Conversation["messages"]["edges"][number]["node"];

/** Appends a message to the loaded page once (the subscription and the sender's own mutation both deliver it). */
function withMessage(conversation: Conversation, message: MessageNode): Conversation {
  if (conversation.messages.edges.some((edge) => edge.node.id === message.id)) return conversation;
  // A live message has no cursor of its own; paging older messages uses the first edge's cursor.
  const edge = { __typename: "MessageEdge" as const, cursor: "", node: message };
  return { ...conversation, messages: { ...conversation.messages, edges: [...conversation.messages.edges, edge] } };
}

/**
 * A conversation: the newest 50 messages, then new ones live over graphql-ws (`messageAdded`
 * resumes after the last message loaded, so nothing sent in between is missed).
 */
export function ConversationView({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, loading, error, subscribeToMore, updateQuery } = useQuery(ConversationMessages, { variables: { id } });
  const [send, sending] = useMutation(SendMessage);
  const [markRead] = useMutation(MarkRead);
  const [draft, setDraft] = useState("");
  const conversation = data?.conversation;
  const edges = conversation?.messages.edges ?? [];
  const lastId = edges.at(-1)?.node.id ?? null;
  const loaded = conversation != null;

  useEffect(() => {
    if (!loaded) return;
    return subscribeToMore({
      document: MessageAdded,
      variables: { conversationId: id, after: lastId },
      updateQuery: (_, { complete, previousData, subscriptionData }) => {
        if (!complete || !previousData.conversation) return;
        return { ...previousData, conversation: withMessage(previousData.conversation, subscriptionData.data.messageAdded) };
      },
    });
    // Subscribed once per conversation: `after` only matters for the first connection.
  }, [id, loaded, subscribeToMore]);

  useEffect(() => {
    if (lastId) void markRead({ variables: { conversationId: id } }).catch(() => undefined);
  }, [id, lastId, markRead]);

  if (loading && !data) return <p className="notice">{t.loading}</p>;
  if (!conversation) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.notFound}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    const result = await send({ variables: { input: { conversationId: id, body } } }).catch(() => null);
    const message = result?.data?.sendMessage;
    if (!message) return;
    setDraft("");
    updateQuery((_, { complete, previousData }) => {
      if (!complete || !previousData.conversation) return;
      return { ...previousData, conversation: withMessage(previousData.conversation, message) };
    });
  }

  return (
    <article className="conversation">
      <Link href="/spravy">{t.back}</Link>
      <h1>{conversation.title ?? conversation.participants.map((p) => fullName(p.user)).join(", ")}</h1>
      {edges.length === 0 && <p className="notice">{t.messages.noMessages}</p>}
      <ol className="messages">
        {edges.map((edge) => (
          <MessageItem key={edge.node.id} message={getFragmentData(MessageItemFields, edge.node)} />
        ))}
      </ol>
      <form className="composer" onSubmit={(event) => void submit(event)}>
        <textarea value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t.messages.placeholder} rows={2} />
        <button type="submit" disabled={sending.loading || !draft.trim()}>
          {t.messages.send}
        </button>
      </form>
      {sending.error && <Refused error={sending.error} />}
    </article>
  );
}

function MessageItem({ message }: { message: MessageItemFragment }) {
  const { t, format } = useI18n();
  return (
    <li>
      <strong>{fullName(message.sender)}</strong> <span className="muted">{format.dateTime(message.createdAt)}</span>
      <p>{message.body ?? <em>{t.messages.deleted}</em>}</p>
    </li>
  );
}
