// A subgraph stand-in for gateway tests: a proxy in front of a real subgraph that counts what the
// gateway sent it (and can hold each request, so concurrent ones overlap, or fail it, as a
// subgraph that is down behind its load balancer answers).
import { createServer, type IncomingMessage, type Server } from "node:http";

/** Forwards every request to `target` after `holdMs`, remembering each body it saw. */

export class CountingProxy {
  readonly bodies: string[] = [];
  /** Set: every request is answered with this status and body (default: no data), not forwarded. */
  failWith: { status: number; body?: string } | null = null;
  private readonly server: Server;

  constructor(target: string, holdMs: number) {
    this.server = createServer((req, res) => {
      void (async () => {
        const body = await text(req);
        this.bodies.push(body);
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        if (this.failWith !== null) {
          const { status, body = "no healthy upstream" } = this.failWith;
          res.writeHead(status, { "content-type": body.startsWith("{") ? "application/json" : "text/plain" }).end(body);
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] => typeof e[1] === "string" && !["host", "content-length", "connection"].includes(e[0]),
          ),
        );
        const upstream = await fetch(target, { method: "POST", headers, body });
        // The subgraph's own headers (its Cache-Control among them) less the hop-by-hop ones.
        const answerHeaders = [...upstream.headers].filter(
          ([name]) => !["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"].includes(name),
        );
        res.writeHead(upstream.status, Object.fromEntries(answerHeaders));
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })().catch(() => res.destroy());
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/graphql`;
  }

  /** Requests that reached the subgraph with this text in their body, since `from`. */
  count(fragment: string, from: number): number {
    return this.bodies.slice(from).filter((b) => b.includes(fragment)).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function text(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
