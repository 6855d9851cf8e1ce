// The public response cache: whole answers to anonymous queries, kept in Redis for as long as the
// subgraphs' cache hints allow (Apollo Gateway restricts the answer's policy by every subgraph
// response's Cache-Control), shared by every gateway replica, and dropped as soon as the outbox
// event of an entity they show arrives. Apollo's response-cache plugin does the reading and
// writing; this module decides who may be served from it (nobody with credentials), what an
// answer is tagged with, and listens for the changes.
import { createHash } from "node:crypto";
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { PUBLIC_CHANGES_CHANNEL, RedisPubSub, type Logger } from "@ppt/server-kit/edge";
import type { GatewayContext } from "../app.ts";
import type { GatewayConfig } from "../config.ts";
import { Invalidations } from "./invalidation.ts";
import { RedisResponseStore } from "./redis-store.ts";
import { dataTags, DocumentTags } from "./tags.ts";

export { loadResponseCacheSettings, type ResponseCacheSettings } from "./settings.ts";

/** The library's own prefix for its keys (it wraps the store in a PrefixingKeyValueCache). */
const LIBRARY_PREFIX = "fqc:";

export interface ResponseCache {
  plugins: ApolloServerPlugin<GatewayContext>[];
  stop(): Promise<void>;
}

const off: ResponseCache = { plugins: [], stop: async () => undefined };

/**
 * Only a request without credentials is an anonymous reader: no token (a person's or a partner
 * client's) and no tenant. Everyone else is answered by the subgraphs, never from this cache.
 */
function anonymous(requestContext: GraphQLRequestContext<GatewayContext>): boolean {
  const headers = requestContext.request.http?.headers;
  return !!headers && !headers.has("authorization") && !headers.has("x-tenant-id");
}

export async function createResponseCache(config: GatewayConfig, logger: Logger): Promise<ResponseCache> {
  if (!config.responseCache?.enabled) return off;
  if (!config.redisUrl) throw new Error("The response cache needs REDIS_URL");
  const redisPrefix = config.redisKeyPrefix ?? "ppt:";
  const store = new RedisResponseStore(config.redisUrl, `${redisPrefix}response-cache:`, logger);
  const invalidations = new Invalidations(store, logger);
  const pubsub = new RedisPubSub(config.redisUrl, redisPrefix, logger);
  // Listening before the first answer is stored: no change can slip between.
  const unsubscribe = await pubsub.subscribe(PUBLIC_CHANGES_CHANNEL, (wakeUp) => void invalidations.heard(wakeUp));
  await Promise.race([store.ready(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);

  const documentTags = new DocumentTags();
  /** The change sequence when each anonymous request started. */
  const started = new WeakMap<object, number>();

  const plugin = responseCachePlugin<GatewayContext>({
    cache: store,
    // No private entries: a signed-in caller is never served from here (see `anonymous`).
    sessionId: async () => null,
    // Answers come in the reader's language (translations): one entry per Accept-Language.
    extraCacheKeyData: async (requestContext) => ({ language: requestContext.request.http?.headers.get("accept-language") ?? null }),
    shouldReadFromCache: async (requestContext) => {
      if (!anonymous(requestContext)) return false;
      started.set(requestContext, invalidations.sequence);
      return true;
    },
    shouldWriteToCache: async (requestContext) => started.has(requestContext),
    generateCacheKey: (requestContext, keyData) => {
      const key = createHash("sha256").update(JSON.stringify(keyData)).digest("hex");
      // Called again right before the library stores the answer: tag it then (same tick as `set`).
      const body = requestContext.response?.body;
      const sequence = started.get(requestContext);
      if (body?.kind === "single" && sequence !== undefined && requestContext.document && requestContext.schema) {
        const tags = new Set(documentTags.of(requestContext.schema, requestContext.document, requestContext.source ?? "", requestContext.operationName));
        dataTags(body.singleResult.data, requestContext.request.variables, tags);
        if (!invalidations.changedSince(sequence, tags)) store.expect({ key: LIBRARY_PREFIX + key, tags: [...tags] });
      }
      return key;
    },
  });

  return {
    plugins: [plugin],
    stop: async () => {
      await unsubscribe().catch(() => undefined);
      await pubsub.close();
      await store.close();
    },
  };
}
