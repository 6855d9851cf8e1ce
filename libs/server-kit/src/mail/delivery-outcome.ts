// What a channel reports for one message. The caller acts on the kind: "permanent" disables the
// address or subscription (hard bounce, gone endpoint), "temporary" is retried later.
export type DeliveryOutcome = { kind: "ok"; providerId?: string } | { kind: "permanent"; reason: string } | { kind: "temporary"; reason: string };

/** HTTP statuses of providers: a 4xx says the request (the recipient) is wrong, except these. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

export function outcomeOfHttpStatus(status: number, reason: string): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: "ok" };
  if (status >= 400 && status < 500 && !RETRYABLE_CLIENT_STATUSES.has(status)) return { kind: "permanent", reason: `${status} ${reason}` };
  return { kind: "temporary", reason: `${status} ${reason}` };
}
