// In-flight deduplication of subgraph fetches: while one request for exactly the same query,
// variables and caller is on its way to a subgraph, an identical one waits for its answer instead
// of sending another. Dashboards and the portal's busy pages ask the same thing many times at once.
//
// The key is the subgraph URL, the request body (query and variables) and every header the
// gateway sends except those that only trace or mark one client request: the caller's token,
// tenant, language and address are in it, so two callers never share an answer. Only queries
// are deduplicated, never mutations (the data source says which). Each waiting caller gets its
// own response over the shared bytes (subgraph-answer.ts) and parses them itself: no object is
// shared between requests.
import { GATEWAY_CHARGE_HEADER, TRACEPARENT_HEADER } from "@ppt/server-kit/edge";
import type { SubgraphAnswer, SubgraphRequest } from "./subgraph-answer.ts";

type Send = () => Promise<SubgraphAnswer>;

/** Headers that differ on every client request without changing the answer. */
const PER_REQUEST_HEADERS = new Set(["x-request-id", TRACEPARENT_HEADER, "tracestate", "baggage", GATEWAY_CHARGE_HEADER]);

export class InflightFetches {
  private readonly inflight = new Map<string, Promise<SubgraphAnswer>>();
  /** Fetches that waited for another's answer (for tests and metrics). */
  joined = 0;

  /** The answer for the caller; `dedupable` is false for mutations (and anything not known to be a query). */
  answer(send: Send, input: string, init: SubgraphRequest, dedupable: boolean): Promise<SubgraphAnswer> {
    if (!dedupable) return send();
    const key = keyOf(input, init);
    if (key === null) return send();
    let shared = this.inflight.get(key);
    if (shared) {
      this.joined++;
      return shared;
    }
    shared = send();
    this.inflight.set(key, shared);
    const forget = () => {
      if (this.inflight.get(key) === shared) this.inflight.delete(key);
    };
    shared.then(forget, forget);
    return shared;
  }
}
function keyOf(input: string, init: SubgraphRequest): string | null {
  if (init.method.toUpperCase() !== "POST") return null;
  let identity = "";
  for (const name of Object.keys(init.headers).sort()) {
    const lower = name.toLowerCase();
    if (!PER_REQUEST_HEADERS.has(lower)) identity += `${lower}:${init.headers[name]}\n`;
  }
  return `${input}\n${identity}\n${init.body}`;
}
