// A SIGKILL of `npm start` reaches nobody: npm dies, and the script it started keeps running with
// the ports. So the script watches the processes that launched it (tsx, sh, npm: up to the first
// shell or npm itself) and stops everything when one of them is gone.
import { readFileSync } from "node:fs";

interface Launcher {
  pid: number;
  startTime: string;
}

function stat(pid: number): { comm: string; ppid: number; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const rest = text.slice(close + 2).split(" ");
    return { comm, ppid: Number(rest[1]), startTime: rest[19]! };
  } catch {
    return undefined;
  }
}

// Node 24 names its main thread "MainThread", which is what /proc shows for tsx and node.
const LAUNCHERS = /^(node|MainThread|tsx|sh|dash|npm.*|npx.*)$/;

function launchers(): Launcher[] {
  const found: Launcher[] = [];
  for (let pid = process.ppid; pid > 1;) {
    const info = stat(pid);
    if (!info || !LAUNCHERS.test(info.comm)) break;
    found.push({ pid, startTime: info.startTime });
    if (info.comm.startsWith("npm")) break;
    pid = info.ppid;
  }
  return found;
}

/** Calls `onGone` once when a launcher exits (a pid reused by another process counts as gone). */
export function watchLaunchers(onGone: (pid: number) => void, everyMs = 1_000): () => void {
  const watched = launchers();
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = watched.find((launcher) => stat(launcher.pid)?.startTime !== launcher.startTime);
    // Without /proc, the parent's death still shows as a new ppid.
    const orphaned = process.ppid !== parent ? parent : undefined;
    const pid = gone?.pid ?? orphaned;
    if (pid === undefined) return;
    clearInterval(timer);
    onGone(pid);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
