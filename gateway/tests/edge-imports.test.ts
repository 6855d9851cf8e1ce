// The gateway is the edge: it verifies tokens and plans queries, and must never load the database
// client, the S3 SDK or password hashing (a smaller process and attack surface, no database
// credentials to leak). Checked on the real entry point: every module the process resolves is
// recorded by a module-resolution hook, and none may come from those packages. The same process
// must open no connection off this machine on its own (no usage reporting, no cloud metadata probes).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@ppt/server-kit/edge";

const forbidden = [
  /\/node_modules\/@prisma\//,
  /\/node_modules\/pg\//,
  /\/node_modules\/@node-rs\/argon2/,
  /\/node_modules\/@aws-sdk\//,
  /\/prisma\/generated\//,
  /\/prisma\/src\//,
];

let dir: string;
let child: ChildProcess | undefined;
let resolved: string[] = [];

/** Starts gateway/src/main.ts under tsx with the recording hook; resolves once it logs that it listens. */
function startGateway(recordFile: string, registerFile: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "--import", pathToFileURL(registerFile).href, join(repoRoot, "gateway/src/main.ts")], {
    cwd: repoRoot,
    // No database URL at all: the edge must not need one.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      PORT: "0",
      LOG_LEVEL: "info",
      DATA_DIR: dir,
      RECORD_RESOLVED: recordFile,
      RECORD_CONNECTS: join(dir, "connects.txt"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"gateway ready"')) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "edge-imports-"));
  const recordFile = join(dir, "resolved.txt");
  const hookFile = join(dir, "hook.mjs");
  const registerFile = join(dir, "register.mjs");
  writeFileSync(
    hookFile,
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(process.env.RECORD_RESOLVED, result.url + "\\n");
  return result;
}
`,
  );
  // Every outgoing TCP connection the process starts, by destination (what http/https/fetch use underneath).
  writeFileSync(
    registerFile,
    `import { register } from "node:module";
import { appendFileSync } from "node:fs";
import net from "node:net";
register(${JSON.stringify(pathToFileURL(hookFile).href)});
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  appendFileSync(process.env.RECORD_CONNECTS, String(options.host ?? options.path ?? "localhost") + "\\n");
  return connect.apply(this, args);
};
`,
  );
  writeFileSync(join(dir, "connects.txt"), "");
  writeFileSync(recordFile, "");
  child = await startGateway(recordFile, registerFile);
  resolved = readFileSync(recordFile, "utf8").split("\n").filter(Boolean);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("the gateway process", () => {
  it("resolves the gateway's own modules (the hook records)", () => {
    expect(resolved.some((url) => url.endsWith("/gateway/src/app.ts"))).toBe(true);
    expect(resolved.some((url) => url.includes("/node_modules/@apollo/gateway/"))).toBe(true);
  });

  it("loads no database client, pg driver, S3 SDK or password hashing", () => {
    expect(resolved.filter((url) => forbidden.some((pattern) => pattern.test(url)))).toEqual([]);
  });

  it("opens no connection off this machine by itself, running or stopping (no Apollo usage telemetry, no cloud metadata probes)", async () => {
    // @apollo/gateway's telemetry exports (and probes cloud metadata endpoints) when it is stopped,
    // and then hourly: stop the process and read every destination it tried.
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child!.kill("SIGTERM");
    await exited;
    const destinations = readFileSync(join(dir, "connects.txt"), "utf8").split("\n").filter(Boolean);
    expect(destinations.filter((host) => !["localhost", "127.0.0.1", "::1"].includes(host))).toEqual([]);
  });
});
