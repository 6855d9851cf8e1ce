// My conversations, and one conversation: its messages (from the device first), new ones live
// over graphql-ws while online, and a message box whose messages go through the outbox, so a
// message written offline waits on the device and is sent once when the connection returns.
import { useApolloClient, useSubscription } from "@apollo/client/react";
import {
  getFragmentData,
  MyConversations,
  ResidentConversation,
  ResidentMessageAdded,
  ResidentMessageFields,
  type ResidentConversationQuery,
} from "@ppt/client-shared/operations";
import { useEffect, useRef, useState } from "react";
import { Pressable, Text, View } from "react-native";
import { useApp, useOutboxEntries } from "../AppContext.tsx";
import { useCachedQuery } from "../offline/cached-query.ts";
import { Button, Field, Notice, styles } from "../ui.tsx";

type Person = { firstName?: string | null; lastName?: string | null } | null | undefined;
const nameOf = (p: Person) => [p?.firstName, p?.lastName].filter(Boolean).join(" ") || "—";

export function MessagesScreen() {
  const [open, setOpen] = useState<string | null>(null);
  return open ? <ConversationScreen id={open} onBack={() => setOpen(null)} /> : <ConversationList onOpen={setOpen} />;
}

function ConversationList({ onOpen }: { onOpen: (id: string) => void }) {
  const query = useCachedQuery(MyConversations);
  const conversations = query.data?.conversations.edges.map((e) => e.node) ?? [];
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Messages
      </Text>
      <Text style={styles.muted} testID="conversations-age">
        {query.age}
      </Text>
      {conversations.length === 0 && <Text style={styles.muted}>No conversations yet.</Text>}
      {conversations.map((c) => (
        <Pressable key={c.id} accessibilityRole="link" style={styles.row} onPress={() => onOpen(c.id)} testID="conversation">
          <Text style={{ fontWeight: c.unreadCount > 0 ? "700" : "600" }}>
            {c.title ?? c.participants.map((p) => nameOf(p.user)).join(", ")}
            {c.unreadCount > 0 ? ` (${c.unreadCount} new)` : ""}
          </Text>
          {c.lastMessage && <Text style={styles.muted}>{c.lastMessage.body ?? "(deleted)"}</Text>}
        </Pressable>
      ))}
    </View>
  );
}

type Conversation = NonNullable<ResidentConversationQuery["conversation"]>;
type MessageNode = Conversation["messages"]["edges"][number]["node"];

/** The loaded page with a message appended once (the live feed, a refetch and a replay may all deliver it). */
function withMessage(conversation: Conversation, node: MessageNode): Conversation {
  const id = getFragmentData(ResidentMessageFields, node).id;
  if (conversation.messages.edges.some((e) => getFragmentData(ResidentMessageFields, e.node).id === id)) return conversation;
  const edge = { __typename: "MessageEdge" as const, node };
  return { ...conversation, messages: { ...conversation.messages, edges: [...conversation.messages.edges, edge] } };
}

function ConversationScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const { online, outbox } = useApp();
  const client = useApolloClient();
  const query = useCachedQuery(ResidentConversation, { id });
  const conversation = query.data?.conversation ?? null;
  const messages = conversation?.messages.edges.map((e) => getFragmentData(ResidentMessageFields, e.node)) ?? [];
  const waiting = useOutboxEntries().filter((e) => e.kind === "sendMessage" && e.input.conversationId === id);
  const [draft, setDraft] = useState("");

  // Each (re)subscription resumes after the newest message the device has, so what was sent while
  // the app was offline or the socket was down comes first.
  const lastId = useRef<string | null>(null);
  lastId.current = messages.at(-1)?.id ?? null;
  const [after, setAfter] = useState<string | null | undefined>(undefined);
  const loaded = conversation !== null;
  useEffect(() => {
    if (online && loaded) setAfter(lastId.current);
  }, [online, loaded]);
  useSubscription(ResidentMessageAdded, {
    variables: { conversationId: id, after: after ?? null },
    skip: !online || after === undefined,
    onData: ({ data }) => {
      const node = data.data?.messageAdded;
      if (!node) return;
      client.cache.updateQuery({ query: ResidentConversation, variables: { id } }, (previous) =>
        previous?.conversation ? { ...previous, conversation: withMessage(previous.conversation, node) } : previous,
      );
    },
  });

  async function send() {
    const body = draft.trim();
    if (!body) return;
    await outbox.sendMessage({ conversationId: id, body });
    setDraft("");
    if (online) void outbox.flush();
  }

  return (
    <View style={styles.screen}>
      <Button title="All conversations" onPress={onBack} />
      {!conversation ? (
        <Text style={styles.muted}>{query.loading ? "Loading…" : "This conversation is not saved on this device."}</Text>
      ) : (
        <>
          <Text accessibilityRole="header" style={styles.title}>
            {conversation.title ?? conversation.participants.map((p) => nameOf(p.user)).join(", ")}
          </Text>
          <Text style={styles.muted} testID="conversation-age">
            {query.age}
          </Text>
          {messages.length === 0 && <Text style={styles.muted}>No messages yet.</Text>}
          {messages.map((m) => (
            <View key={m.id} style={styles.row} testID="message">
              <Text style={{ fontWeight: "600" }}>{m.sender?.firstName ?? "—"}</Text>
              <Text>{m.body ?? "(deleted)"}</Text>
            </View>
          ))}
          {waiting.map((entry) => (
            <View key={entry.id} style={styles.row} testID="message-waiting">
              <Text>{entry.kind === "sendMessage" ? entry.input.body : ""}</Text>
              <Text style={entry.refusedWith ? { color: "#b91c1c" } : styles.muted}>
                {entry.refusedWith ? `Not accepted by the server (${entry.refusedWith}).` : online ? "Sending…" : "Waiting to send"}
              </Text>
            </View>
          ))}
        </>
      )}
      {!online && <Notice tone="warn">You are offline: messages wait on this device and are sent when you are back online.</Notice>}
      <Field label="Message" value={draft} onChangeText={setDraft} multiline />
      <Button title={online ? "Send" : "Send later"} onPress={() => void send()} disabled={!draft.trim()} />
    </View>
  );
}
