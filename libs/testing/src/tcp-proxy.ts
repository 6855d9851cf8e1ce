// A TCP proxy a test owns, to cut a connection without touching the shared service behind it (e.g.
// RabbitMQ): `cut()` destroys every socket passing through, and `cut(ms)` also refuses new ones for `ms`.
import http from "node:http";
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

export interface BalancerOptions {
  /**
   * A readiness path probed on every target every `probeMs` (as Kubernetes probes a pod and takes
   * an unready one out of its Service's endpoints): new connections go only to targets whose last
   * answer was 200. A probe that times out (a busy process) leaves the target as it was.
   */
  readyPath?: string;
  probeMs?: number;
}

/**
 * A round-robin TCP load balancer in front of replicas (HTTP and WebSocket alike): each new
 * connection goes to the next target in rotation (with `readyPath`, the next ready one; unready
 * ones only when no ready one connects). A target that refuses the connection (stopped,
 * restarting) is skipped for the next one not yet tried, as a proxy retries a failed connect. Bytes
 * already sent to a target are never replayed to another: a connection cut after its request was
 * forwarded fails at the client, as it would behind a real proxy that does not retry non-idempotent
 * requests.
 */
export async function startBalancer(targetPorts: number[], options: BalancerOptions = {}): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const connections = new Map(targetPorts.map((port) => [port, 0]));
  const ready = new Map(targetPorts.map((port) => [port, true]));
  const probing = new Set<number>();
  let next = 0;
  const probe = (port: number) => {
    if (probing.has(port) || !options.readyPath) return;
    probing.add(port);
    const req = http.get({ host: "127.0.0.1", port, path: options.readyPath, timeout: 2_000, agent: false }, (res) => {
      res.resume();
      ready.set(port, res.statusCode === 200);
      probing.delete(port);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.message !== "timeout") ready.set(port, false);
      probing.delete(port);
    });
  };
  const prober = options.readyPath ? setInterval(() => targetPorts.forEach(probe), options.probeMs ?? 250) : undefined;
  prober?.unref();
  /** This connection's targets in the order to try them: the rotation's next ready one first, the unready last. */
  const order = () => {
    const first = next++;
    const rotation = targetPorts.map((_, k) => targetPorts[(first + k) % targetPorts.length]!);
    return [...rotation.filter((port) => ready.get(port)), ...rotation.filter((port) => !ready.get(port))];
  };
  const server = net.createServer((client) => {
    client.pause();
    sockets.add(client);
    client.on("error", () => undefined);
    client.on("close", () => sockets.delete(client));
    const targets = order();
    const attempt = (tries: number) => {
      if (tries >= targets.length || client.destroyed) return void client.destroy();
      const port = targets[tries]!;
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
    close: () => {
      clearInterval(prober);
      return new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve())));
    },
  };
}
