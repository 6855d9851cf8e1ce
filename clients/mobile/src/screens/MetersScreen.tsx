// My meters with their last reading (from the device first, with its age), and submitting a
// reading with an optional photo of the display. A reading goes through the outbox: sent at once
// online, kept and sent once when the connection returns.
import { MyMeters, type MyMetersQuery } from "@ppt/client-shared/operations";
import { useState } from "react";
import { Image, Text, View } from "react-native";
import { useApp, useOutboxEntries } from "../AppContext.tsx";
import { useCachedQuery } from "../offline/cached-query.ts";
import type { PendingPhoto } from "../offline/outbox.ts";
import { pickPhoto } from "../offline/photo.ts";
import { Button, Field, Notice, styles } from "../ui.tsx";

type Meter = MyMetersQuery["meters"][number];
const words = (value: string) => value.replaceAll("_", " ").toLowerCase();
const labelOf = (m: Meter) => `${words(m.kind)} ${m.serialNumber}${m.unit?.designation ? `, unit ${m.unit.designation}` : ""}`;

export function MetersScreen() {
  const { online } = useApp();
  const query = useCachedQuery(MyMeters);
  const meters = query.data?.meters ?? [];
  const [open, setOpen] = useState<string | null>(null);
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Meter readings
      </Text>
      <Text style={styles.muted} testID="meters-age">
        {query.age}
      </Text>
      {!online && <Notice tone="warn">You are offline: readings wait on this device and are sent when you are back online.</Notice>}
      {meters.length === 0 && <Text style={styles.muted}>No meters of your units.</Text>}
      {meters.map((meter) => (
        <View key={meter.id} style={styles.row} testID="meter">
          <Text style={{ fontWeight: "600" }}>{labelOf(meter)}</Text>
          {meter.location && <Text style={styles.muted}>{meter.location}</Text>}
          <Text testID="meter-last-reading">
            {meter.lastReading
              ? `Last reading ${meter.lastReading.value} ${meter.unitOfMeasure} on ${new Date(meter.lastReading.readAt).toLocaleDateString()} (${words(meter.lastReading.status)})`
              : "No reading yet"}
          </Text>
          <Waiting meterId={meter.id} />
          {open === meter.id ? (
            <ReadingForm meter={meter} onDone={() => setOpen(null)} />
          ) : (
            <Button title={`Submit a reading of ${meter.serialNumber}`} onPress={() => setOpen(meter.id)} />
          )}
        </View>
      ))}
    </View>
  );
}

function Waiting({ meterId }: { meterId: string }) {
  const { online } = useApp();
  const entries = useOutboxEntries().filter((e) => e.kind === "submitMeterReading" && e.input.meterId === meterId);
  return entries.map((entry) => (
    <Text key={entry.id} testID="reading-waiting" style={entry.refusedWith ? { color: "#b91c1c" } : styles.muted}>
      {entry.kind === "submitMeterReading" ? `${entry.input.value}: ` : ""}
      {entry.refusedWith ? `not accepted by the server (${entry.refusedWith})` : online ? "sending…" : "waiting to send"}
    </Text>
  ));
}

function ReadingForm({ meter, onDone }: { meter: Meter; onDone: () => void }) {
  const { outbox, online } = useApp();
  const [value, setValue] = useState("");
  const [photo, setPhoto] = useState<PendingPhoto | null>(null);
  const normalized = value.trim().replace(",", ".");
  const valid = /^\d+(\.\d+)?$/.test(normalized);

  async function choose(camera: boolean) {
    const picked = await pickPhoto(camera);
    if (picked) setPhoto(picked);
  }

  async function submit() {
    await outbox.submitMeterReading({ meterId: meter.id, value: normalized }, labelOf(meter), photo ?? undefined);
    if (online) void outbox.flush();
    onDone();
  }

  return (
    <View style={{ gap: 8 }}>
      <Field label={`Reading (${meter.unitOfMeasure})`} value={value} onChangeText={setValue} keyboardType="decimal-pad" />
      <View style={{ flexDirection: "row", gap: 8 }}>
        <Button title="Photograph the display" onPress={() => void choose(true)} />
        <Button title="Choose a photo" onPress={() => void choose(false)} />
      </View>
      {photo && <Image accessibilityLabel="The photo to attach" source={{ uri: photo.dataUrl }} style={{ width: 120, height: 120 }} />}
      <Button title={online ? "Send reading" : "Save reading and send later"} onPress={() => void submit()} disabled={!valid} />
    </View>
  );
}
