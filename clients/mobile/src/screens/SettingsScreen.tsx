// Settings: push notifications on this device, registered with the API (registerPushSubscription)
// when turned on and removed (removePushSubscription) when turned off. Both need a connection (so
// does the server's Web Push key, asked fresh each time: it belongs to the deployment, not the build).
import { RegisterPushSubscription, RemovePushSubscription, WebPushPublicKey } from "@ppt/client-shared/operations";
import { errorCode } from "@ppt/client-shared/refusal";
import { useEffect, useState } from "react";
import { Switch, Text, View } from "react-native";
import type { MobileApi } from "../api/client.ts";
import { subscribeDevice, unsubscribeDevice } from "../api/push.ts";
import { useApp } from "../AppContext.tsx";
import { readJson, writeJson } from "../storage.ts";
import { Notice, styles } from "../ui.tsx";

const KEY = "ppt.push-subscription";

interface Registered {
  id: string;
  endpoint: string;
}

/**
 * Removes this device's push registration (at sign-out: the next person must not get the previous
 * one's pushes). Offline the server keeps it until the push service reports the endpoint gone.
 */
export async function forgetPushRegistration(api: MobileApi): Promise<void> {
  const current = await readJson<Registered>(KEY);
  if (!current) return;
  try {
    await api.client.mutate({ mutation: RemovePushSubscription, variables: { id: current.id } });
  } catch {
    // Offline or removed already: the browser's subscription is dropped below either way.
  }
  await unsubscribeDevice().catch(() => undefined);
  await writeJson(KEY, null);
}

export function SettingsScreen() {
  const { api, online } = useApp();
  const [registered, setRegistered] = useState<Registered | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void readJson<Registered>(KEY).then(setRegistered);
  }, []);

  async function turnOn() {
    const subscribed = await subscribeDevice(async () => {
      const { data } = await api.client.query({ query: WebPushPublicKey, fetchPolicy: "network-only" });
      return data?.webPushPublicKey ?? null;
    });
    if (!subscribed.ok) return setProblem(subscribed.reason);
    const { data } = await api.client.mutate({ mutation: RegisterPushSubscription, variables: { input: subscribed.device } });
    const saved = { id: data!.registerPushSubscription.id, endpoint: data!.registerPushSubscription.endpoint };
    await writeJson(KEY, saved);
    setRegistered(saved);
  }

  async function turnOff(current: Registered) {
    try {
      await api.client.mutate({ mutation: RemovePushSubscription, variables: { id: current.id } });
    } catch (error) {
      // Removed already (elsewhere, or by the server after the push service said it is gone).
      if (errorCode(error) !== "NOT_FOUND") throw error;
    }
    await unsubscribeDevice();
    await writeJson(KEY, null);
    setRegistered(null);
  }

  async function toggle(on: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      if (on) await turnOn();
      else if (registered) await turnOff(registered);
    } catch (error) {
      setProblem(`Could not change push notifications (${errorCode(error)}).`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Settings
      </Text>
      <View style={{ flexDirection: "row", alignItems: "center", gap: 12 }}>
        <Switch
          accessibilityLabel="Push notifications on this device"
          value={Boolean(registered)}
          disabled={busy || registered === undefined || !online}
          onValueChange={(on) => void toggle(on)}
        />
        <Text>Push notifications on this device</Text>
      </View>
      {!online && <Notice tone="warn">Changing push notifications needs a connection.</Notice>}
      {problem && <Notice tone="warn">{problem}</Notice>}
    </View>
  );
}
