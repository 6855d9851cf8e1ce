// Read-your-writes for replica reads: who wrote lately, so that their next requests read the
// primary until a streaming replica has surely replayed the write. The window (READ_YOUR_WRITES_MS)
// is a bound on replica lag we alert on, not a guess at it: a healthy streaming replica is
// milliseconds behind, and a few seconds covers the page load that follows a mutation.
import type { TenantScope } from "./tenant-db.ts";

export class RecentWriters {
  private readonly until = new Map<string, number>();

  constructor(readonly windowMs: number) {}

  /** The writer's key: the user, else the tenant (a partner client acting for an organization). */
  private key(scope: TenantScope): string | null {
    if (scope.userId) return `u:${scope.userId}`;
    if (scope.organizationId) return `o:${scope.organizationId}`;
    return null;
  }

  mark(scope: TenantScope, now = Date.now()): void {
    const key = this.key(scope);
    if (!key) return;
    // Forget expired entries now and then, so the map holds only the last window's writers.
    if (this.until.size > 10_000) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    this.until.set(key, now + this.windowMs);
  }

  wroteRecently(scope: TenantScope, now = Date.now()): boolean {
    const key = this.key(scope);
    return key !== null && (this.until.get(key) ?? 0) > now;
  }
}
