// Prometheus metrics per process (served at /metrics).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  dbQueries: Counter<"role">;
  graphqlRequests: Counter<"operation_type" | "outcome">;
  graphqlDuration: Histogram<"operation_type">;
  /** Root fields served (`_entities` included): shows which subgraph answered what. */
  rootFields: Counter<"field">;
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
