// A TCP proxy a test owns, to cut a connection without touching the shared service behind it (e.g.
// RabbitMQ): `cut()` destroys every socket passing through, and `cut(ms)` also refuses new ones for `ms`.
import net from "node:net";

export interface CuttingProxy {
  /** The loopback port that forwards to the target. */
  port: number;
  /** Destroys every connection (and refuses new ones for `refuseMs`); returns how many sockets it destroyed. */
  cut(refuseMs?: number): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  let refuseUntil = 0;
  const server = net.createServer((client) => {
    if (Date.now() < refuseUntil) return void client.destroy();
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut(refuseMs = 0) {
      refuseUntil = Date.now() + refuseMs;
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

export interface Balancer {
  port: number;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** Connections each target has been given so far (by target port). */
  connections: Map<number, number>;
  close(): Promise<void>;
}

/**
 * A round-robin TCP load balancer in front of replicas (HTTP and WebSocket alike): each new
 * connection goes to the next target; a target that refuses the connection (stopped, restarting)
 * is skipped, as a load balancer's health check would take it out of rotation.
 */
export async function startBalancer(targetPorts: number[]): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const connections = new Map(targetPorts.map((port) => [port, 0]));
  let next = 0;
  const server = net.createServer((client) => {
    client.pause();
    sockets.add(client);
    client.on("error", () => undefined);
    client.on("close", () => sockets.delete(client));
    const attempt = (tries: number) => {
      if (tries >= targetPorts.length || client.destroyed) return void client.destroy();
      const port = targetPorts[next++ % targetPorts.length]!;
      const upstream = net.connect(port, "127.0.0.1");
      upstream.once("error", () => attempt(tries + 1));
      upstream.once("connect", () => {
        connections.set(port, (connections.get(port) ?? 0) + 1);
        upstream.removeAllListeners("error");
        upstream.on("error", () => client.destroy());
        sockets.add(upstream);
        // A server that closes after its response (Connection: close, a drain) must not lose the
        // response's tail: the client side is ended (flushed), not destroyed; errors destroy it above.
        upstream.on("close", () => {
          sockets.delete(upstream);
          if (!client.destroyed) client.end();
        });
        client.on("close", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    connections,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}
