// The organization's announcements, readable offline from the saved cache.
import { ResidentAnnouncements } from "@ppt/client-shared/operations";
import { Text, View } from "react-native";
import { useCachedQuery } from "../offline/cached-query.ts";
import { styles } from "../ui.tsx";

export function AnnouncementsScreen() {
  const query = useCachedQuery(ResidentAnnouncements, { first: 20 });
  const items = query.data?.announcements.edges.map((e) => e.node) ?? [];
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Announcements
      </Text>
      <Text style={styles.muted}>{query.age}</Text>
      {items.length === 0 && <Text style={styles.muted}>Nothing announced.</Text>}
      {items.map((a) => (
        <View key={a.id} style={styles.row}>
          <Text style={{ fontWeight: "600" }}>{a.title}</Text>
          <Text>{a.body}</Text>
        </View>
      ))}
    </View>
  );
}
