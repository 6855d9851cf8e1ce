// Prometheus metrics per process (served at /metrics). The alert rules in infra/monitoring read
// these names: rename one there too.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  dbQueries: Counter<"role">;
  graphqlRequests: Counter<"operation_type" | "outcome">;
  graphqlDuration: Histogram<"operation_type">;
  /** Root fields served (`_entities` included): shows which subgraph answered what. */
  rootFields: Counter<"field">;
  /** GraphQL errors by `extensions.code` (UNAUTHENTICATED, RATE_LIMITED, INTERNAL_SERVER_ERROR…). */
  graphqlErrors: Counter<"code">;
  /** Business events as they leave the outbox (fault.reported, vote.created, payment…, notification.added): the design's business counters. */
  businessEvents: Counter<"event_type">;
  /** 1 when a dependency (database, redis, broker) answered the last readiness check, else 0. */
  dependencyUp: Gauge<"dependency">;
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    dbQueries: new Counter({ name: "ppt_db_queries_total", help: "SQL statements sent to PostgreSQL", labelNames: ["role"], registers: [registry] }),
    graphqlRequests: new Counter({
      name: "ppt_graphql_requests_total",
      help: "GraphQL operations handled",
      labelNames: ["operation_type", "outcome"],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: "ppt_graphql_duration_seconds",
      help: "GraphQL operation duration",
      labelNames: ["operation_type"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    rootFields: new Counter({ name: "ppt_graphql_root_fields_total", help: "Root fields resolved", labelNames: ["field"], registers: [registry] }),
    graphqlErrors: new Counter({ name: "ppt_graphql_errors_total", help: "GraphQL errors by extensions.code", labelNames: ["code"], registers: [registry] }),
    businessEvents: new Counter({
      name: "ppt_business_events_total",
      help: "Committed business events published from the outbox, by event type",
      labelNames: ["event_type"],
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: "ppt_dependency_up",
      help: "Whether a dependency answered this process's last readiness check (1) or not (0)",
      labelNames: ["dependency"],
      registers: [registry],
    }),
  };
}

/** A gauge read when /metrics is scraped (e.g. open sockets, active subscriptions). */
export function observeGauge(metrics: Metrics, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [metrics.registry],
    collect() {
      this.set(read());
    },
  });
}

/** The GraphQL errors of one response, counted by their stable `extensions.code` (the alerting key). */
export function countGraphQLErrors(metrics: Metrics, errors: readonly { extensions?: Record<string, unknown> }[] | undefined): void {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    metrics.graphqlErrors.inc({ code: typeof code === "string" && /^[A-Z_]{1,64}$/.test(code) ? code : "UNKNOWN" });
  }
}

type PoolCounts = { totalCount: number; idleCount: number; waitingCount: number };
const observedPools = new WeakMap<Registry, { role: string; pool: PoolCounts }[]>();

/** A pg pool's connections, read at scrape: in use (total − idle), idle, and callers waiting for one. */
export function observeDbPool(metrics: Metrics, role: string, pool: PoolCounts): void {
  let pools = observedPools.get(metrics.registry);
  if (!pools) {
    const list: { role: string; pool: PoolCounts }[] = [];
    pools = list;
    observedPools.set(metrics.registry, list);
    new Gauge({
      name: "ppt_db_pool_connections",
      help: "Database pool connections by state (in_use, idle, waiting callers)",
      labelNames: ["role", "state"],
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const entry of list) {
          this.inc({ role: entry.role, state: "in_use" }, entry.pool.totalCount - entry.pool.idleCount);
          this.inc({ role: entry.role, state: "idle" }, entry.pool.idleCount);
          this.inc({ role: entry.role, state: "waiting" }, entry.pool.waitingCount);
        }
      },
    });
  }
  pools.push({ role, pool });
}

/** Outbox rows committed but not yet published, counted at scrape (the alert on a stuck relay or broker). */
export function observeOutboxBacklog(metrics: Metrics, count: () => Promise<number>): void {
  new Gauge({
    name: "ppt_outbox_backlog",
    help: "Outbox events committed and not yet published",
    registers: [metrics.registry],
    async collect() {
      // A scrape must not fail because the database is down: the readiness and DB alerts say that.
      this.set(await count().catch(() => -1));
    },
  });
}
