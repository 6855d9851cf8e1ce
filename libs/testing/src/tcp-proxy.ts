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
