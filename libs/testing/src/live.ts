// A real graphql-ws client for tests: connects to a gateway (or subgraph) and records what a
// subscription receives, so tests can wait for the n-th event, an error or the completion.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface LiveSubscription<T = any> {
  events: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves with the first `count` events (rejects after `timeoutMs`). */
  take(count: number, timeoutMs?: number): Promise<LiveSubscription<T>["events"]>;
  /** Resolves when the server completes (or errors) the subscription. */
  ended: Promise<{ error?: unknown }>;
  dispose(): void;
}

export function liveClient(
  httpUrl: string,
  token: string | null,
  options: { retryAttempts?: number; connectionParams?: () => Record<string, unknown> } = {},
): Client & { closes: number[]; closeReasons: string[] } {
  const closes: number[] = [];
  const closeReasons: string[] = [];
  const client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: options.connectionParams ?? (() => (token ? { authorization: `Bearer ${token}` } : {})),
    retryAttempts: options.retryAttempts ?? 0,
    lazy: true,
    // Keep the socket after a subscription ends, so tests see how the server closes it.
    lazyCloseTimeout: 60_000,
    on: {
      closed: (event) => {
        closes.push((event as { code: number }).code);
        const { reason } = event as { reason?: unknown };
        closeReasons.push(typeof reason === "string" ? reason : "");
      },
    },
  });
  return Object.assign(client, { closes, closeReasons });
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const events: LiveSubscription<T>["events"] = [];
  const waiters: (() => void)[] = [];
  let resolveEnded!: (value: { error?: unknown }) => void;
  const ended = new Promise<{ error?: unknown }>((resolve) => (resolveEnded = resolve));
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as never);
        notify();
      },
      error: (error) => {
        resolveEnded({ error });
        notify();
      },
      complete: () => {
        resolveEnded({});
        notify();
      },
    },
  );
  return {
    events,
    ended,
    dispose,
    async take(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Expected ${count} events, got ${events.length}: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return events.slice(0, count);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
