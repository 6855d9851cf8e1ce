// A slowloris and 10,000 idle sockets against one gateway (of two replicas): the header and idle
// deadlines hold (shortened here with HTTP_*_TIMEOUT_MS), memory stays bounded, the gateway keeps
// serving. The test process holds the sockets: it needs a descriptor limit above 10,000 (ulimit -n).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { liveClient } from "@ppt/testing/live";
import { httpStatus } from "@ppt/testing/processes";
import type { ProcessStack } from "@ppt/testing/process-stack";
import { HEADERS_TIMEOUT_MS, startReplicaStack, until, type ReplicaStack } from "./replicas.ts";

let replicas: ReplicaStack;
let stack: ProcessStack;
const clients: ReturnType<typeof liveClient>[] = [];

beforeAll(async () => {
  replicas = await startReplicaStack();
  stack = replicas.stack;
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await replicas?.stop();
});

describe("a gateway under a slowloris and idle sockets", () => {
  it("a slowloris and 10,000 idle sockets: the deadlines hold, memory stays bounded, the gateway keeps serving", async () => {
    const gateway = stack.gateways[1]!;
    const rss = async () => {
      const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
      // The line carries the process's default labels: process_resident_memory_bytes{service="gateway"} N.
      return Number(/^process_resident_memory_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1]);
    };
    const before = await rss();
    expect(before).toBeGreaterThan(0);
    const opened: { socket: net.Socket; closedAt?: number; openedAt: number }[] = [];
    const open = () =>
      new Promise<void>((resolve) => {
        const entry = { socket: net.connect(gateway.port, "127.0.0.1"), openedAt: Date.now() } as (typeof opened)[number];
        entry.socket.on("error", () => undefined);
        // Read (and drop) what arrives: a socket nobody reads may never see the server's FIN, and
        // would count as open while the server has closed it (seen: CLOSE-WAIT here, FIN-WAIT-2 there).
        entry.socket.resume();
        entry.socket.once("close", () => (entry.closedAt = Date.now()));
        entry.socket.once("connect", () => resolve());
        entry.socket.once("close", () => resolve());
        opened.push(entry);
      });
    // The slowloris: a request line and then one header byte a second, never finishing.
    const slow = net.connect(gateway.port, "127.0.0.1");
    slow.on("error", () => undefined);
    let slowClosedAt = 0;
    slow.once("close", () => (slowClosedAt = Date.now()));
    const slowStarted = Date.now();
    slow.write("POST /graphql HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => slow.writable && slow.write("X"), 1_000);
    // 10,000 sockets that never send a byte, opened 500 at a time.
    for (let i = 0; i < 10_000; i += 500) await Promise.all(Array.from({ length: 500 }, open));
    const during = await rss();
    // It still serves while they are open.
    expect(await stack.query(`{ propertyHealth }`, {}, undefined, gateway.url)).toEqual({ data: { propertyHealth: true } });
    await until(
      () => opened.every((e) => e.closedAt !== undefined) && slowClosedAt > 0,
      30_000,
      () => `${opened.filter((e) => !e.closedAt).length} idle sockets still open, slowloris ${slowClosedAt ? "closed" : "open"}`,
    );
    clearInterval(drip);
    // The slowloris is cut at the header deadline (checked every quarter of it), not when it stops.
    expect(slowClosedAt - slowStarted).toBeLessThan(HEADERS_TIMEOUT_MS * 2 + 1_000);
    const lifetimes = opened.map((e) => e.closedAt! - e.openedAt).sort((a, b) => a - b);
    expect(lifetimes.at(-1)).toBeLessThan(HEADERS_TIMEOUT_MS * 4 + 5_000);
    // Bounded: 10,000 idle sockets cost the gateway some memory, not without limit.
    expect(during - before).toBeLessThan(256 * 1024 * 1024);
    expect(await httpStatus(gateway.port, "/health/ready")).toBe(200);
    expect(stack.crashes()).toEqual([]);
  });
});
