// The graph's processes as real child processes (gateway, subgraphs, workers), started the way
// production starts them (`node --import tsx <entry>`), on ports fixed for their lifetime so a
// killed process can come back where its clients look for it. For fault tests: SIGKILL and SIGTERM
// must hit the real thing, and a crash must show as an exit, not take the test runner down.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./own-servers.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const ENTRIES = {
  gateway: "gateway/src/main.ts",
  property: "subgraphs/property/src/main.ts",
  reality: "subgraphs/reality/src/main.ts",
  "property-worker": "subgraphs/property/src/worker.ts",
  "reality-worker": "subgraphs/reality/src/worker.ts",
} as const;

export type ProcessKind = keyof typeof ENTRIES;

export interface ServiceProcess {
  kind: ProcessKind;
  port: number;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** Exits seen so far that nobody asked for (a crash): [code, signal]. */
  crashes: [number | null, NodeJS.Signals | null][];
  /** The last lines of the process's stderr (to explain a crash). */
  stderr(): string;
  /** The last lines of its stdout: its log (LOG_LEVEL in the env decides how much). */
  stdout(): string;
  /** Sends the signal and waits for the exit; returns how it exited. */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts it again on the same port and waits until it is ready. */
  start(): Promise<void>;
  running(): boolean;
}

/** GET a path on loopback with node:http (fetch refuses some ports); the status, or 0 when unreachable. */
export function httpStatus(port: number, path: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = request({ host: "127.0.0.1", port, path, timeout: timeoutMs }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolveStatus(0));
    req.end();
  });
}

export async function startServiceProcess(
  kind: ProcessKind,
  env: Record<string, string>,
  options: { port?: number; readyPath?: string } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | null = null;
  let expected = false;
  let tail = "";
  let log = "";
  const crashes: ServiceProcess["crashes"] = [];
  const start = async () => {
    expected = false;
    const current = spawn(process.execPath, ["--import", "tsx", join(ROOT, ENTRIES[kind])], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "error", ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = current;
    current.stdout.on("data", (chunk: Buffer) => (log = (log + chunk.toString("utf8")).slice(-8_000)));
    current.stderr.on("data", (chunk: Buffer) => (tail = (tail + chunk.toString("utf8")).slice(-4_000)));
    current.once("exit", (code, signal) => {
      if (!expected) crashes.push([code, signal]);
    });
    const deadline = Date.now() + 150_000;
    while ((await httpStatus(port, options.readyPath ?? "/health/ready")) !== 200) {
      if (current.exitCode !== null || current.signalCode !== null) throw new Error(`${kind} exited while starting: ${tail}`);
      if (Date.now() > deadline) throw new Error(`${kind} not ready on port ${port}: ${tail}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await start();
  return {
    kind,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    crashes,
    stderr: () => tail,
    stdout: () => log,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    start,
    signal: async (signal) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return { code: current?.exitCode ?? null, signal: current?.signalCode ?? null };
      expected = true;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        current.once("exit", (code, sig) => done({ code, signal: sig })),
      );
      current.kill(signal);
      return exited;
    },
  };
}
