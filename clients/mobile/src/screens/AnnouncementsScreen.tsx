// The organization's announcements, readable offline from the saved cache.
import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { ResidentAnnouncements } from "@ppt/client-shared/operations";
import { Text, View } from "react-native";
import { useDataAge } from "../AppContext.tsx";
import { styles } from "../ui.tsx";

export function AnnouncementsScreen() {
  const query = useQuery(ResidentAnnouncements, { variables: { first: 20 }, fetchPolicy: "cache-and-network", errorPolicy: "all" });
  const age = useDataAge("ResidentAnnouncements", query.networkStatus === NetworkStatus.ready && !query.error && query.dataState === "complete");
  const items = query.data?.announcements.edges.map((e) => e.node) ?? [];
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Announcements
      </Text>
      <Text style={styles.muted}>{age}</Text>
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
