// Whether this process makes spans: set by startTracing, read by every helper so that an untraced
// process skips the work entirely (kept apart so the helpers never load the SDK).
let enabled = false;

export function tracingEnabled(): boolean {
  return enabled;
}

export function setTracingEnabled(on: boolean): void {
  enabled = on;
}
