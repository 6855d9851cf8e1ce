// My buildings and units, and the faults I reported: from the device's cache first (with its age),
// refreshed from the server when online. Reports still in the outbox are listed as waiting.
import { MyFaults, MyHome } from "@ppt/client-shared/operations";
import { Text, View } from "react-native";
import { useApp } from "../AppContext.tsx";
import { useCachedQuery } from "../offline/cached-query.ts";
import { OutboxList } from "./OutboxList.tsx";
import { Notice, styles } from "../ui.tsx";

export function HomeScreen() {
  const { online } = useApp();
  const home = useCachedQuery(MyHome);
  const faults = useCachedQuery(MyFaults);
  const buildings = home.data?.buildings.edges.map((e) => e.node) ?? [];
  const reported = faults.data?.faults.edges.map((e) => e.node) ?? [];

  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        {home.data?.me ? `Hello, ${home.data.me.firstName}` : "My home"}
      </Text>
      {!online && <Notice tone="warn">Offline: showing what this device saved.</Notice>}
      <Text accessibilityRole="header" style={styles.subtitle}>
        My units
      </Text>
      <Text style={styles.muted} testID="units-age">
        {home.age}
      </Text>
      {buildings.map((b) => (
        <View key={b.id} style={styles.row}>
          <Text style={{ fontWeight: "600" }}>{b.name ?? [b.street, b.streetNumber].filter(Boolean).join(" ")}</Text>
          <Text style={styles.muted}>{b.city}</Text>
          <Text>{b.units.map((u) => u.designation ?? "—").join(", ")}</Text>
        </View>
      ))}
      <OutboxList />
      <Text accessibilityRole="header" style={styles.subtitle}>
        Faults I reported
      </Text>
      <Text style={styles.muted} testID="faults-age">
        {faults.age}
      </Text>
      {reported.length === 0 && <Text style={styles.muted}>None yet.</Text>}
      {reported.map((f) => (
        <View key={f.id} style={styles.row} testID="reported-fault">
          <Text>{f.title}</Text>
          <Text style={styles.muted}>{f.status.replace("_", " ").toLowerCase()}</Text>
        </View>
      ))}
    </View>
  );
}
