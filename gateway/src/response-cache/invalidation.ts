// Change events → dropped answers. Every gateway replica hears every public change (Redis
// pub/sub, from the subgraphs' outbox relays) and drops the answers tagged with the changed
// entity, and every answer that depends on the set of its kind. Each replica also remembers the
// changes of the last minute, so an answer read from a subgraph BEFORE a change it heard is not
// stored AFTER that change was dropped (it would be served stale until its max-age).
import type { Logger } from "@ppt/server-kit/edge";
import { idTag, typeTag } from "./tags.ts";

const REMEMBER_MS = 60_000;

export interface ChangeDropper {
  drop(tags: readonly string[]): Promise<number>;
}

interface Heard {
  sequence: number;
  at: number;
  tags: readonly string[];
}

export class Invalidations {
  private seq = 0;
  private recent: Heard[] = [];

  constructor(
    private readonly store: ChangeDropper,
    private readonly logger: Logger,
  ) {}

  /** Taken when a request starts: a later change to what it shows keeps its answer out of the cache. */
  get sequence(): number {
    return this.seq;
  }

  /** A wake-up on the public-changes channel: `{ aggregateType, aggregateId, … }`. */
  heard(wakeUp: unknown): Promise<void> {
    const { aggregateType, aggregateId } = (wakeUp ?? {}) as { aggregateType?: unknown; aggregateId?: unknown };
    if (typeof aggregateType !== "string" || typeof aggregateId !== "string") return Promise.resolve();
    const tags = [idTag(aggregateId), typeTag(aggregateType)];
    const now = Date.now();
    this.recent = this.recent.filter((heard) => now - heard.at < REMEMBER_MS);
    this.recent.push({ sequence: ++this.seq, at: now, tags });
    return this.store.drop(tags).then(
      (dropped) => this.logger.debug({ aggregateType, dropped }, "response cache: dropped answers of a changed entity"),
      (error: unknown) => this.logger.warn({ err: error, aggregateType }, "response cache: dropping changed answers failed; they expire with their max-age"),
    );
  }

  /** Whether a change heard after `sequence` touches one of `tags`. */
  changedSince(sequence: number, tags: ReadonlySet<string>): boolean {
    return this.recent.some((heard) => heard.sequence > sequence && heard.tags.some((tag) => tags.has(tag)));
  }
}
