// One circuit breaker per subgraph, shared by every request of this gateway: once a subgraph has
// failed enough recent requests, its part of a query is refused at once (SERVICE_UNAVAILABLE)
// instead of every caller waiting out the timeout; after `resetMs` one request probes it
// (half-open) and its success closes the breaker again.
import CircuitBreaker from "opossum";
import type { Logger } from "@ppt/server-kit/edge";
import { exchange, type Exchange, type SubgraphAnswer } from "./subgraph-answer.ts";

export interface BreakerSettings {
  /** Share of failed requests in the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Fewer requests than this in the window never open it (one unlucky request is not an outage). */
  volumeThreshold: number;
  rollingWindowMs: number;
  /** How long an open breaker refuses before letting one probe through. */
  resetMs: number;
}

export const defaultBreakerSettings: BreakerSettings = { errorThresholdPercentage: 50, volumeThreshold: 3, rollingWindowMs: 10_000, resetMs: 5_000 };

/** A gateway, bad gateway or unavailable answer means the subgraph itself is unwell; other statuses are answers. */
const UNHEALTHY_STATUSES = new Set([502, 503, 504]);

export class SubgraphUnhealthyResponse extends Error {
  constructor(readonly answer: SubgraphAnswer) {
    super(`subgraph answered ${answer.status}`);
  }
}

export function isOpenBreaker(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "EOPENBREAKER";
}

export class SubgraphBreakers {
  private readonly breakers = new Map<string, CircuitBreaker<Parameters<Exchange>, SubgraphAnswer>>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly logger: Logger,
  ) {}

  /** Requests to `subgraph` through its breaker. */
  exchangeFor(subgraph: string): Exchange {
    const breaker = this.breakerOf(subgraph);
    return async (url, init) => {
      try {
        return await breaker.fire(url, init);
      } catch (error) {
        // The data source reads a 5xx answer's body for its error; hand the answer back to it.
        if (error instanceof SubgraphUnhealthyResponse) return error.answer;
        throw error;
      }
    };
  }

  state(subgraph: string): "closed" | "open" | "half-open" {
    const breaker = this.breakerOf(subgraph);
    return breaker.opened ? "open" : breaker.halfOpen ? "half-open" : "closed";
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private breakerOf(subgraph: string) {
    let breaker = this.breakers.get(subgraph);
    if (breaker) return breaker;
    breaker = new CircuitBreaker<Parameters<Exchange>, SubgraphAnswer>(
      async (url, init) => {
        const answer = await exchange(url, init);
        if (UNHEALTHY_STATUSES.has(answer.status)) throw new SubgraphUnhealthyResponse(answer);
        return answer;
      },
      {
        name: subgraph,
        // Each request carries its own deadline (its AbortSignal): reads and bulk writes differ.
        timeout: false,
        errorThresholdPercentage: this.settings.errorThresholdPercentage,
        volumeThreshold: this.settings.volumeThreshold,
        rollingCountTimeout: this.settings.rollingWindowMs,
        resetTimeout: this.settings.resetMs,
      },
    );
    breaker.on("open", () => this.logger.error({ subgraph }, "subgraph circuit opened: its part of every query is refused until a probe succeeds"));
    breaker.on("halfOpen", () => this.logger.info({ subgraph }, "subgraph circuit half-open: probing"));
    breaker.on("close", () => this.logger.info({ subgraph }, "subgraph circuit closed: subgraph is back"));
    this.breakers.set(subgraph, breaker);
    return breaker;
  }
}
