// RESPONSE_CACHE: on | off. Unset: on wherever Redis is (REDIS_URL), except under NODE_ENV=test,
// where a test turns it on itself. Without Redis it stays off: the replicas could not share it,
// and the subgraphs' change events (over Redis) could not reach it.
export interface ResponseCacheSettings {
  enabled: boolean;
}

export function loadResponseCacheSettings(env: NodeJS.ProcessEnv, redisUrl: string | null | undefined): ResponseCacheSettings {
  const value = env.RESPONSE_CACHE;
  if (value !== undefined && value !== "" && value !== "on" && value !== "off") throw new Error('Invalid configuration: RESPONSE_CACHE must be "on" or "off"');
  const enabled = value === "on" || ((value === undefined || value === "") && !!redisUrl && env.NODE_ENV !== "test");
  if (enabled && !redisUrl) throw new Error("Invalid configuration: RESPONSE_CACHE=on needs REDIS_URL (the cache is shared by every gateway replica)");
  return { enabled };
}
