// Whether the device is online, from the platform (navigator.onLine and its events on the web
// target). Coming back online flushes the outbox; while anything waits, it is retried every
// 15 s too, since "connected" does not always mean the gateway answers.
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

export function useOutboxSender(outbox: Outbox, online: boolean, signedIn: boolean): void {
  useEffect(() => {
    if (!online || !signedIn) return;
    void outbox.flush();
    const timer = setInterval(() => {
      if (outbox.list().some((e) => !e.refusedWith)) void outbox.flush();
    }, 15_000);
    return () => clearInterval(timer);
  }, [outbox, online, signedIn]);
}
