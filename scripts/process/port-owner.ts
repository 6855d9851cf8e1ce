// Who holds a TCP port: so `npm start` can say what is in its way instead of a bare EADDRINUSE.
// Linux only (/proc); elsewhere, or for another user's process, the port is reported without an owner.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";

export interface PortOwner {
  pid: number;
  command: string;
}

/** True when nothing listens on the port (on any address: a listener on one address blocks the wildcard). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const LISTEN = "0A";

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local || fields[3] !== LISTEN) continue;
      if (parseInt(local.split(":")[1] ?? "", 16) === port) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

export function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return undefined;
  }
}

/** The processes whose sockets listen on the port, as far as this user may see them. */
export function portOwners(port: number): PortOwner[] {
  const inodes = listeningInodes(port);
  if (!inodes.size) return [];
  const sockets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  const owners: PortOwner[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return sockets.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) owners.push({ pid: Number(pid), command: commandOf(Number(pid)) ?? "?" });
  }
  return owners;
}

/** One line for the port that is taken: which process holds it, when it can be found. */
export function describePortOwner(port: number): string {
  const owners = portOwners(port);
  if (!owners.length) return "by a process this user cannot see (try `ss -ltnp` as root)";
  return owners.map((owner) => `by pid ${owner.pid} (${owner.command.slice(0, 160)})`).join(", ");
}
