// The cache's store in Redis, shared by every gateway replica: an answer under its key with the
// max-age as its TTL, and per tag a set of the keys that carry it. Writing an answer and indexing
// it under its tags is one script (no answer is ever stored unindexed); dropping a tag deletes its
// answers and the set in one script too.
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { Redis } from "ioredis";
import type { Logger } from "@ppt/server-kit/edge";

// KEYS: the answer's key, then its tags' sets. ARGV: the answer, its TTL in seconds.
// A tag's set lives as long as its longest-lived answer.
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1`;

// KEYS: the tags' sets. Returns how many answers were deleted.
const DROP = `
local dropped = 0
for i = 1, #KEYS do
  local keys = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #keys do dropped = dropped + redis.call('DEL', keys[j]) end
  redis.call('DEL', KEYS[i])
end
return dropped`;

type TaggedRedis = Redis & {
  storeTagged(numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
  dropTags(numberOfKeys: number, ...keys: string[]): Promise<number>;
};

/** Answers to store next, by key: set by the plugin right before the library calls `set` with that key. */
export interface PendingWrite {
  key: string;
  tags: readonly string[];
}

export class RedisResponseStore implements KeyValueCache<string> {
  private readonly redis: TaggedRedis;
  private pending: PendingWrite | null = null;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    // Fail fast while Redis is away: a cache that cannot answer at once is a miss, never a wait.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 }) as TaggedRedis;
    this.redis.on("error", (error) => this.logger.warn({ err: error }, "response cache redis error"));
    this.redis.defineCommand("storeTagged", { lua: STORE });
    this.redis.defineCommand("dropTags", { lua: DROP });
  }

  /** Waits until Redis answers (start-up), so the first requests are not all misses for nothing. */
  async ready(): Promise<void> {
    if (this.redis.status === "ready") return;
    await new Promise<void>((resolve) => this.redis.once("ready", () => resolve()));
  }

  /** The tags of the write the library is about to make under `key` (same tick, no await between). */
  expect(write: PendingWrite): void {
    this.pending = write;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.logger.warn({ err: error }, "response cache read failed: answering from the subgraphs");
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    const ttl = options?.ttl;
    // Only writes whose tags are known are stored: an answer no change could drop is never kept.
    if (!pending || pending.key !== key || !ttl || ttl <= 0) return;
    const tagKeys = pending.tags.map((tag) => this.tagKey(tag));
    try {
      await this.redis.storeTagged(1 + tagKeys.length, this.prefix + key, ...tagKeys, value, Math.ceil(ttl));
    } catch (error) {
      this.logger.warn({ err: error }, "response cache write failed");
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }

  /** Deletes every answer carrying one of the tags; how many there were. */
  async drop(tags: readonly string[]): Promise<number> {
    if (!tags.length) return 0;
    return this.redis.dropTags(tags.length, ...tags.map((tag) => this.tagKey(tag)));
  }

  private tagKey(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
