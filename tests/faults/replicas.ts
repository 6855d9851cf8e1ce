// Two replicas of every process (gateway, property, reality) behind round-robin balancers, on the
// test's own Redis (pub/sub across replicas): what the scale-out and edge fault tests start.
import { startOwnRedis, type OwnRedis } from "@ppt/testing/own-servers";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";

/** Shortened server deadlines (production keeps its defaults): the slowloris test waits for them. */
export const HEADERS_TIMEOUT_MS = 3_000;

export interface ReplicaStack {
  redis: OwnRedis;
  stack: ProcessStack;
  stop(): Promise<void>;
}

export async function startReplicaStack(): Promise<ReplicaStack> {
  const redis = await startOwnRedis();
  try {
    const stack = await startProcessStack({
      replicas: 2,
      redisUrl: redis.url,
      env: {
        // A subgraph read's deadline is 4 s in production; on this shared two-core machine at load
        // 20-30 a trivial read through six tsx processes can take longer, and these tests are
        // about what is delivered and stored, not speed (the deadline has tests of its own).
        SUBGRAPH_TIMEOUT_MS: "20000",
        // Warnings (a failed subgraph request and why) go to each process's stdout tail.
        LOG_LEVEL: "warn",
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: "6000",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "2000",
        HTTP_FIRST_REQUEST_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      },
    });
    return {
      redis,
      stack,
      stop: async () => {
        await stack.stop();
        await redis.stop();
      },
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(50);
  }
}
