// The edge entry point (`@ppt/server-kit/edge`): what the gateway runs. Token verification, the
// HTTP server, logging, metrics, errors and the subscription plumbing; nothing here reaches a
// database, object storage or password hashing, and the gateway's edge-imports test keeps it so.
export * from "./errors.ts";
export * from "./edge-config.ts";
export * from "./logger.ts";
export * from "./metrics.ts";
export * from "./auth/caller.ts";
export * from "./auth/permissions.ts";
export * from "./auth/tokens.ts";
export * from "./auth/keys.ts";
export * from "./http/server.ts";
export * from "./http/graphql-handler.ts";
export * from "./http/request-log.ts";
export * from "./http/request-context.ts";
export * from "./log-masking.ts";
export * from "./http/subgraph-secret.ts";
export * from "./http/client-address.ts";
export * from "./http/security-headers.ts";
export * from "./events/event-queue.ts";
export * from "./graphql/realm.ts";
export * from "./graphql/query-limits.ts";
export * from "./graphql/request-error-status.ts";
export * from "./graphql/subscription-server.ts";
export * from "./auth/gateway-charge.ts";
export * from "./auth/sign-in-ended.ts";
export * from "./auth/token-refusal.ts";
export * from "./events/pubsub.ts";
export * from "./events/public-changes.ts";
export * from "./rate-limit.ts";
export * from "./tracing/trace-context.ts";
export { tracingEnabled } from "./tracing/state.ts";
