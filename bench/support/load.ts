// What the load generators share: a keep-alive POST over node:http (fetch's web streams cost the
// generator several times the CPU, which it takes from the servers it measures on the same
// cores), and the CPU time of the processes a run watches, read from /proc.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { Agent, request } from "node:http";

/** Destroy it when the run ends: its idle sockets keep the process alive. */
export const loadAgent = new Agent({ keepAlive: true, maxSockets: 256 });

export function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent: loadAgent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** utime + stime of a process and (unless told not to) its children's threads, in ms. */
export function cpuMs(pid: number, withChildren = true): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  if (!withChildren) return ms;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) ms += cpuMs(Number(child));
  }
  return ms;
}

/** CPU ms of every PostgreSQL process on the machine (the server is local; backends are pooled, so few end mid-phase). */
export function postgresCpuMs(): number {
  let ms = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Each process alone: the postmaster's children are the backends, counted here already.
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") ms += cpuMs(Number(entry), false);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ms;
}
