// The shared HTTP server's deadline for connections that have not sent a request: a socket opened
// and left silent is closed, while a request that arrived in time, a request whose body is still
// coming, and an upgraded websocket are not cut by it. A real server on a free port.
import net from "node:net";
import type { Server } from "node:http";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createLogger } from "../logger.ts";
import { createHttpServer, httpTimeouts, listen } from "./server.ts";

const FIRST_REQUEST_TIMEOUT_MS = 300;
let server: Server;
let wss: WebSocketServer;
let port: number;

beforeAll(async () => {
  server = createHttpServer({
    readiness: async () => ({ ready: true }),
    metrics: new Registry(),
    logger: createLogger("http-test", "silent"),
    // The other deadlines stay long, so only the first-request one can close a socket here.
    timeouts: { ...httpTimeouts({}), firstRequestTimeout: FIRST_REQUEST_TIMEOUT_MS },
    graphql: async (req, res) => {
      let body = "";
      for await (const chunk of req) body += String(chunk);
      res.writeHead(200, { "content-type": "text/plain" }).end(`got ${body}`);
    },
  });
  // An echoing websocket on /graphql, as graphql-ws is mounted on the gateway's server.
  wss = new WebSocketServer({ server, path: "/graphql" });
  wss.on("connection", (ws) => ws.on("message", (data) => ws.send(`echo ${(data as Buffer).toString()}`)));
  port = await listen(server, 0, "127.0.0.1");
});

afterAll(async () => {
  wss?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw socket whose received bytes and close the test reads. */
async function rawSocket() {
  const socket = net.connect(port, "127.0.0.1");
  const state = { socket, received: "", closed: false };
  socket.on("data", (data) => (state.received += String(data)));
  socket.on("error", () => undefined);
  socket.once("close", () => (state.closed = true));
  await new Promise((resolve) => socket.once("connect", resolve));
  return state;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

describe("the deadline for a connection's first request", () => {
  it("reads HTTP_FIRST_REQUEST_TIMEOUT_MS", () => {
    expect(httpTimeouts({ HTTP_FIRST_REQUEST_TIMEOUT_MS: "1234" }).firstRequestTimeout).toBe(1234);
    expect(httpTimeouts({}).firstRequestTimeout).toBe(10_000);
    expect(() => httpTimeouts({ HTTP_FIRST_REQUEST_TIMEOUT_MS: "0" })).toThrow(/HTTP_FIRST_REQUEST_TIMEOUT_MS/);
  });

  it("closes a socket that never sends a byte", async () => {
    const silent = await rawSocket();
    await until(() => silent.closed, 10_000, "the silent socket to be closed");
    expect(silent.received).toBe("");
  });

  it("serves a socket that sends its request in time, and keeps it open past the deadline", async () => {
    const client = await rawSocket();
    await sleep(FIRST_REQUEST_TIMEOUT_MS / 3);
    client.socket.write(get);
    await until(() => client.received.includes('{"status":"ok"}'), 10_000, "the first response");
    // Kept alive past the first-request deadline (keepAliveTimeout governs it now): a second request on it is served.
    await sleep(FIRST_REQUEST_TIMEOUT_MS * 3);
    expect(client.closed).toBe(false);
    client.received = "";
    client.socket.write(get);
    await until(() => client.received.includes('{"status":"ok"}'), 10_000, "the second response");
    client.socket.destroy();
  });

  it("does not cut a request whose body is still arriving", async () => {
    const client = await rawSocket();
    client.socket.write("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nab");
    await sleep(FIRST_REQUEST_TIMEOUT_MS * 3);
    expect(client.closed).toBe(false);
    client.socket.write("cd");
    await until(() => client.received.includes("got abcd"), 10_000, "the response");
    client.socket.destroy();
  });

  it("leaves an upgraded websocket open past the deadline", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`);
    let closed = false;
    ws.once("close", () => (closed = true));
    await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
    await sleep(FIRST_REQUEST_TIMEOUT_MS * 3);
    expect(closed).toBe(false);
    const reply = new Promise<string>((resolve) => ws.once("message", (data) => resolve((data as Buffer).toString())));
    ws.send("ping");
    expect(await reply).toBe("echo ping");
    ws.close();
  });
});
