// The Apollo cache kept on the device, so the app opens with what it last saw even offline.
// Written a second after the cache last changed (not on every write), with the time each query
// last came back from the server, so screens can say how old what they show is.
import type { InMemoryCache, NormalizedCacheObject } from "@apollo/client";
import { readJson, writeJson } from "../storage.ts";

const KEY = "ppt.apollo-cache";
const VERSION = 1;

interface Saved {
  version: number;
  data: NormalizedCacheObject;
  fetchedAt: Record<string, string>;
}

export class PersistedCache {
  private fetchedAt: Record<string, string> = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly cache: InMemoryCache) {}

  /** Restores what was saved (a saved cache of another shape is dropped), then saves on every change. */
  async restore(): Promise<void> {
    const saved = await readJson<Saved>(KEY);
    if (saved?.version === VERSION) {
      this.cache.restore(saved.data);
      this.fetchedAt = saved.fetchedAt;
    }
    const write = this.cache.write.bind(this.cache);
    this.cache.write = (options) => {
      const ref = write(options);
      this.schedule();
      return ref;
    };
  }

  /** A query's answer arrived from the server now. */
  markFetched(queryName: string): void {
    this.fetchedAt[queryName] = new Date().toISOString();
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  fetchedAtOf(queryName: string): Date | null {
    const at = this.fetchedAt[queryName];
    return at ? new Date(at) : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async clear(): Promise<void> {
    this.fetchedAt = {};
    await writeJson(KEY, null);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await writeJson(KEY, { version: VERSION, data: this.cache.extract(), fetchedAt: this.fetchedAt } satisfies Saved);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), 1000);
  }
}
