// What every screen reaches: the API (client, session, persisted cache), the outbox and whether
// the device is online.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { MobileApi } from "./api/client.ts";
import { describeAge } from "./offline/age.ts";
import type { Outbox } from "./offline/outbox.ts";

export interface AppServices {
  api: MobileApi;
  outbox: Outbox;
  online: boolean;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error("useApp outside the app");
  return services;
}

export function useOutboxEntries() {
  const { outbox } = useApp();
  return useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.list(),
  );
}

/**
 * Records when a query's answer came from the server and says how old the shown data is. Pass
 * `fresh` when the query just completed over the network without error.
 */
export function useDataAge(queryName: string, fresh: boolean): string {
  const { api } = useApp();
  const [, tick] = useState(0);
  useEffect(() => {
    if (fresh) api.persisted.markFetched(queryName);
  }, [api, queryName, fresh]);
  useEffect(() => {
    const unsubscribe = api.persisted.subscribe(() => tick((n) => n + 1));
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [api]);
  return describeAge(api.persisted.fetchedAtOf(queryName));
}
