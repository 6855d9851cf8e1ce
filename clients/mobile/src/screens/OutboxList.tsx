// What waits to be sent (and what the server refused, to be discarded by the person): fault
// reports, messages and meter readings alike.
import { Text, View } from "react-native";
import { useApp, useOutboxEntries } from "../AppContext.tsx";
import { describeEntry } from "../offline/outbox.ts";
import { Button, styles } from "../ui.tsx";

export function OutboxList() {
  const { outbox, online } = useApp();
  const entries = useOutboxEntries();
  if (entries.length === 0) return null;
  return (
    <View accessibilityLabel="Waiting to send">
      <Text accessibilityRole="header" style={styles.subtitle}>
        Waiting to send
      </Text>
      {entries.map((entry) => (
        <View key={entry.id} style={styles.row} testID="outbox-entry">
          <Text>{describeEntry(entry)}</Text>
          {entry.refusedWith ? (
            <>
              <Text style={{ color: "#b91c1c" }}>Not accepted by the server ({entry.refusedWith}).</Text>
              <Button title="Discard" onPress={() => void outbox.discard(entry.id)} />
            </>
          ) : (
            <Text style={styles.muted}>{online ? "Sending…" : "Waiting to send: will be sent when you are back online."}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
