// Whether the device is online, from the platform (navigator.onLine and its events on the web
// target). Coming back online flushes the outbox; while anything waits it is retried, soon after a
// failure (a lost answer on a flaky connection: 1 s, then doubling) and at most 15 s apart, since
// "connected" does not always mean the gateway answers.
import * as Network from "expo-network";
import { useEffect, useState } from "react";
import type { Outbox } from "./outbox.ts";

export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    let live = true;
    void Network.getNetworkStateAsync().then((state) => live && setOnline(state.isConnected !== false));
    const subscription = Network.addNetworkStateListener((state) => setOnline(state.isConnected !== false));
    return () => {
      live = false;
      subscription.remove();
    };
  }, []);
  return online;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 15_000;

export function useOutboxSender(outbox: Outbox, online: boolean, signedIn: boolean): void {
  useEffect(() => {
    if (!online || !signedIn) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry = FIRST_RETRY_MS;
    const run = async () => {
      await outbox.flush();
      if (!live) return;
      const waiting = outbox.list().some((e) => !e.refusedWith);
      timer = setTimeout(() => void run(), waiting ? retry : MAX_RETRY_MS);
      retry = waiting ? Math.min(retry * 2, MAX_RETRY_MS) : FIRST_RETRY_MS;
    };
    void run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [outbox, online, signedIn]);
}
