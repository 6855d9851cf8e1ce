// One subgraph answer, read whole within the request's deadline and handed to Apollo's data
// source as a small response over those bytes. The data source reads every body whole anyway
// (`json()`); reading it here lets the deadline's timer be cleared as soon as the answer is in (a
// fired `AbortSignal.timeout` builds an error for every request long after it was answered), and
// lets in-flight deduplication hand each waiting caller the same bytes without building a web
// stream per caller. No object is shared between callers: each gets its own headers and parses the
// bytes itself. The shapes are those of `@apollo/utils.fetcher` (FetcherResponse, FetcherHeaders).

export interface SubgraphAnswer {
  status: number;
  statusText: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
}

type Fetch = (input: string, init: RequestInit & { signal: AbortSignal }) => Promise<Response>;

/** Sends the request and reads its whole body, both within `timeoutMs` (a TimeoutError after it, as `AbortSignal.timeout` would). */
export async function fetchAnswer(fetch: Fetch, input: string, init: RequestInit, timeoutMs: number): Promise<SubgraphAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), timeoutMs);
  try {
    const res = await fetch(input, { ...init, signal: controller.signal });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, statusText: res.statusText, url: res.url, headers: [...res.headers], body };
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
