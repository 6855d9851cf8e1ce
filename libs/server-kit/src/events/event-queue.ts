// A push-based async iterator: producers `push` values (or `fail`/`end`), one consumer iterates.
// It is what live subscriptions hand to graphql-ws: `return()` (client unsubscribed, socket
// closed) runs the cleanup exactly once, so pub/sub handlers and timers never outlive a subscriber.
export class EventQueue<T> implements AsyncGenerator<T, undefined, unknown> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T, undefined>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private done = false;
  private error: unknown = null;
  private cleanup: (() => void | Promise<void>) | null;

  constructor(
    cleanup?: () => void | Promise<void>,
    /** Values kept while the consumer is slower than the producer; beyond it the oldest are dropped. */
    private readonly limit = 1_000,
  ) {
    this.cleanup = cleanup ?? null;
  }

  get closed(): boolean {
    return this.done;
  }

  /** Adds a cleanup to run when the queue ends (in any way). */
  onClose(run: () => void | Promise<void>): void {
    const previous = this.cleanup;
    this.cleanup = async () => {
      await previous?.();
      await run();
    };
  }

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value, done: false });
      return;
    }
    this.buffered.push(value);
    if (this.buffered.length > this.limit) this.buffered.shift();
  }

  /** Ends the stream after the buffered values with an error (the consumer sees it on its next read). */
  fail(error: unknown): void {
    if (this.done) return;
    this.error = error;
    this.finish();
    if (this.failWaiting && this.buffered.length === 0) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = null;
      reject(error);
    }
  }

  /** Ends the stream after the buffered values. */
  end(): void {
    if (this.done) return;
    this.finish();
    if (this.waiting && this.buffered.length === 0) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  private finish(): void {
    this.done = true;
    const cleanup = this.cleanup;
    this.cleanup = null;
    if (cleanup)
      void Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffered.length > 0) return Promise.resolve({ value: this.buffered.shift()!, done: false });
    if (this.done) {
      if (this.error !== null) {
        const error = this.error;
        this.error = null;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the consumer gets exactly what the producer failed with
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.buffered.length = 0;
    this.error = null;
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T, undefined>> {
    this.buffered.length = 0;
    this.end();
    throw error;
  }

  /** `await using` support (part of AsyncGenerator since ES2024's explicit resource management). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
