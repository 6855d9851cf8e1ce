// One subgraph answer, read whole within the request's deadline and handed to Apollo's data
// source (or the direct lane) as a small response over those bytes. Requests go out through
// undici's own request API on one keep-alive pool per subgraph origin: Node's fetch is the same
// client under a layer of web streams, Request and Headers objects, which a CPU profile of the
// gateway under load put at about a sixth of its time. The body is read whole here, so the
// deadline's timer is cleared as soon as the answer is in (a fired `AbortSignal.timeout` builds an
// error for every request long after it was answered), and in-flight deduplication hands each
// waiting caller the same bytes. No object is shared between callers: each gets its own headers
// and parses the bytes itself. The response shapes are those of `@apollo/utils.fetcher`.
import { STATUS_CODES } from "node:http";
import { Agent, request } from "undici";

export interface SubgraphAnswer {
  status: number;
  statusText: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
}

export interface SubgraphRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request and reads its whole answer (the circuit breaker wraps this). */
export type Exchange = (url: string, init: SubgraphRequest & { signal: AbortSignal }) => Promise<SubgraphAnswer>;

/**
 * Keep-alive connections per subgraph origin, opened as the load needs them: a gateway's
 * concurrent subgraph requests each hold one. Idle ones close after a while (subgraphs behind a
 * balancer come and go).
 */
const pool = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 });

export const exchange: Exchange = async (url, init) => {
  const res = await request(url, { method: init.method as "POST", headers: init.headers, body: init.body, signal: init.signal, dispatcher: pool });
  const body = Buffer.from(await res.body.arrayBuffer());
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.push([name, Array.isArray(value) ? value.join(", ") : value]);
  return { status: res.statusCode, statusText: STATUS_CODES[res.statusCode] ?? "", url, headers, body };
};

/** Sends the request and reads its whole body, both within `timeoutMs` (a TimeoutError after it, as `AbortSignal.timeout` would). */
export async function fetchAnswer(send: Exchange, url: string, init: SubgraphRequest, timeoutMs: number): Promise<SubgraphAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), timeoutMs);
  try {
    return await send(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

class AnswerHeaders {
  private readonly map: Map<string, string>;

  constructor(entries: [string, string][]) {
    this.map = new Map(entries);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const known = this.map.get(key);
    this.map.set(key, known === undefined ? value : `${known}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** What the data source reads of a fetch response, over an answer already read whole. */
export class AnswerResponse {
  readonly headers: AnswerHeaders;
  readonly redirected = false;
  bodyUsed = false;

  constructor(private readonly answer: SubgraphAnswer) {
    // Node's Headers gives names lower-case already.
    this.headers = new AnswerHeaders(answer.headers);
  }

  get url(): string {
    return this.answer.url;
  }
  get status(): number {
    return this.answer.status;
  }
  get statusText(): string {
    return this.answer.statusText;
  }
  get ok(): boolean {
    return this.answer.status >= 200 && this.answer.status < 300;
  }

  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.bodyUsed = true;
    return this.answer.body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return this.consume().toString("utf8");
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.consume().toString("utf8"));
  }
  clone(): AnswerResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    return new AnswerResponse(this.answer);
  }
}
