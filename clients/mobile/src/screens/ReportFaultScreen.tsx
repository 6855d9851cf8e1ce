// Report a fault with an optional photo. The report always goes through the outbox: sent at once
// when online, kept and sent later when not, the same way in both cases.
import { MyHome, type FaultCategory } from "@ppt/client-shared/operations";
import { useState } from "react";
import { Image, Pressable, Text, View } from "react-native";
import { useApp } from "../AppContext.tsx";
import { useCachedQuery } from "../offline/cached-query.ts";
import type { PendingPhoto } from "../offline/outbox.ts";
import { pickPhoto } from "../offline/photo.ts";
import { Button, Field, Notice, styles } from "../ui.tsx";

const CATEGORIES: FaultCategory[] = ["PLUMBING", "ELECTRICAL", "HEATING", "ELEVATOR", "WINDOWS_DOORS", "COMMON_AREAS", "OTHER"];

export function ReportFaultScreen({ onDone }: { onDone: () => void }) {
  const { outbox, online } = useApp();
  const home = useCachedQuery(MyHome);
  const buildings = home.data?.buildings.edges.map((e) => e.node) ?? [];
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<FaultCategory>("OTHER");
  const [photo, setPhoto] = useState<PendingPhoto | null>(null);
  const chosenBuilding = buildingId ?? buildings[0]?.id ?? null;

  async function choosePhoto(camera: boolean) {
    const picked = await pickPhoto(camera);
    if (picked) setPhoto(picked);
  }

  async function submit() {
    if (!chosenBuilding) return;
    await outbox.reportFault({ buildingId: chosenBuilding, title: title.trim(), description: description.trim(), category }, photo ?? undefined);
    if (online) void outbox.flush();
    onDone();
  }

  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Report a fault
      </Text>
      {!online && <Notice tone="warn">You are offline: the report will wait on this device and be sent when you are back online.</Notice>}
      {buildings.length > 1 && (
        <View accessibilityRole="radiogroup" accessibilityLabel="Building">
          {buildings.map((b) => (
            <Pressable key={b.id} accessibilityRole="radio" accessibilityState={{ checked: b.id === chosenBuilding }} onPress={() => setBuildingId(b.id)}>
              <Text>{`${b.id === chosenBuilding ? "● " : "○ "}${b.name ?? `${b.street ?? ""} ${b.streetNumber ?? ""}`}`}</Text>
            </Pressable>
          ))}
        </View>
      )}
      {buildings.length === 0 && <Notice tone="warn">No building is saved on this device yet: open the app online once.</Notice>}
      <Field label="What is wrong" value={title} onChangeText={setTitle} />
      <Field label="Details" value={description} onChangeText={setDescription} multiline numberOfLines={4} />
      <View accessibilityRole="radiogroup" accessibilityLabel="Category" style={{ flexDirection: "row", flexWrap: "wrap", gap: 8 }}>
        {CATEGORIES.map((c) => (
          <Pressable key={c} accessibilityRole="radio" accessibilityState={{ checked: c === category }} onPress={() => setCategory(c)}>
            <Text style={{ padding: 6, borderWidth: 1, borderRadius: 12, borderColor: c === category ? "#1d4ed8" : "#bbb" }}>
              {c.replace("_", " ").toLowerCase()}
            </Text>
          </Pressable>
        ))}
      </View>
      <View style={{ flexDirection: "row", gap: 8 }}>
        <Button title="Take a photo" onPress={() => void choosePhoto(true)} />
        <Button title="Choose a photo" onPress={() => void choosePhoto(false)} />
      </View>
      {photo && <Image accessibilityLabel="The photo to attach" source={{ uri: photo.dataUrl }} style={{ width: 120, height: 120 }} />}
      <Button
        title={online ? "Send report" : "Save and send later"}
        onPress={() => void submit()}
        disabled={!chosenBuilding || !title.trim() || !description.trim()}
      />
    </View>
  );
}
