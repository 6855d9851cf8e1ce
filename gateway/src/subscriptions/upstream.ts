// ONE graphql-ws connection per subgraph per gateway process, every client subscription
// multiplexed on it. Each operation carries its caller's identity in `extensions` (the subgraph
// verifies the token again), so one socket serves any number of callers.
import { createClient, type Client, type ExecutionResult, type Sink } from "graphql-ws";
import WebSocket from "ws";
import type { Logger } from "@ppt/server-kit/edge";

export interface UpstreamRequest {
  query: string;
  operationName?: string | undefined;
  variables: Record<string, unknown>;
  /** authorization, x-tenant-id, x-request-id, accept-language */
  extensions: Record<string, string>;
}

/** graphql-ws constructs the socket itself (url, protocols): a subclass adds the upgrade headers. */
function withHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

export class UpstreamConnections {
  private readonly clients = new Map<string, Client>();
  private open = 0;

  constructor(
    private readonly urls: Record<string, string>,
    /** Sent on every upgrade request (the shared secret subgraphs require). */
    private readonly headers: Record<string, string>,
    private readonly logger: Logger,
  ) {}

  /** Sockets currently open to subgraphs (≪ the number of subscribers). */
  socketCount(): number {
    return this.open;
  }

  private client(service: string): Client {
    let client = this.clients.get(service);
    if (client) return client;
    const url = this.urls[service];
    if (!url) throw new Error(`No URL for subgraph ${service}`);
    client = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: withHeaders(this.headers),
      lazy: true,
      // Keep the socket a little after the last subscription ends: resubscribes are common.
      lazyCloseTimeout: 5_000,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * 2 ** retries))),
      on: {
        opened: () => void this.open++,
        closed: (event) => {
          if (this.open > 0) this.open--;
          this.logger.debug({ service, code: (event as { code?: number })?.code }, "subgraph subscription socket closed");
        },
      },
    });
    this.clients.set(service, client);
    return client;
  }

  subscribe(service: string, request: UpstreamRequest, sink: Sink<ExecutionResult<Record<string, unknown>, unknown>>): () => void {
    return this.client(service).subscribe(request, sink);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map(async (client) => client.dispose()));
    this.clients.clear();
  }
}
