// A failed operation as the server refused it (its stable `extensions.code`, never its English
// message), and that refusal in the reader's language.
import { CombinedGraphQLErrors, ServerError } from "@apollo/client";
import type { ServerErrorMessages } from "./server-errors.ts";

/** What a screen says for the server's error codes; `other` for every code it does not name. */
export type RefusalWording = Partial<Record<string, string>> & { other: string };

/** The graph answers NOT_FOUND both for what does not exist and for what the caller may not see (not public, not theirs). */
export function isNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.every((e) => e.extensions?.code === "NOT_FOUND");
}

/**
 * Why the server refused an operation, as it said it (`extensions.code`, and for RATE_LIMITED its
 * `reason` and `retryAfter` seconds); code "NETWORK" when no answer came.
 */
export interface Refusal {
  code: string;
  reason?: string;
  retryAfter?: number;
  /** For BAD_USER_INPUT: the input the server refused (e.g. "token" for an expired e-mailed link). */
  field?: string;
}

type Extensions = Record<string, unknown> | undefined;

export function refusalOf(error: unknown): Refusal {
  if (CombinedGraphQLErrors.is(error)) return fromExtensions(error.errors[0]?.extensions);
  // A refusal with an HTTP error status (the gateway's 401/403/429) still carries the GraphQL body.
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { extensions?: Extensions }[] };
      return fromExtensions(body.errors?.[0]?.extensions);
    } catch {
      return { code: "INTERNAL_SERVER_ERROR" };
    }
  }
  return { code: "NETWORK" };
}

/** `extensions` is any JSON; our servers send a string code, a string reason and a number of seconds. */
export function fromExtensions(extensions: Extensions): Refusal {
  const code = typeof extensions?.code === "string" ? extensions.code : "INTERNAL_SERVER_ERROR";
  const refusal: Refusal = { code };
  if (typeof extensions?.reason === "string") refusal.reason = extensions.reason;
  if (typeof extensions?.retryAfter === "number" && extensions.retryAfter > 0) refusal.retryAfter = Math.ceil(extensions.retryAfter);
  if (typeof extensions?.field === "string") refusal.field = extensions.field;
  return refusal;
}

/**
 * A refusal in the reader's language, most specific first: the screen's own wording for the
 * reason, the catalogue's for the reason (an account locked after failed sign-ins), the screen's
 * for the code (sign-in says "wrong e-mail or password" for UNAUTHENTICATED), the catalogue's for
 * the code, the screen's general message, the catalogue's; how long to wait is added when the
 * server said it.
 */
export function describeRefusal(t: { errors: ServerErrorMessages }, refusal: Refusal, wording?: RefusalWording): string {
  const { codes, reasons } = t.errors;
  const { code, reason } = refusal;
  const text =
    (reason ? wording?.[reason] : undefined) ??
    (reason && reason in reasons ? reasons[reason as keyof typeof reasons] : undefined) ??
    wording?.[code] ??
    (code in codes ? codes[code as keyof typeof codes] : undefined) ??
    wording?.other ??
    t.errors.other;
  return refusal.retryAfter && code === "RATE_LIMITED" ? `${text} ${t.errors.retryAfter(refusal.retryAfter)}` : text;
}

/** The server's error code (`extensions.code`) of a failed operation; "NETWORK" when no answer came. */
export function errorCode(error: unknown): string {
  return refusalOf(error).code;
}

/** Done, or refused with the server's code (UNAUTHENTICATED, RATE_LIMITED, BAD_USER_INPUT, NETWORK…) and reason. */
export type Outcome = { ok: true } | ({ ok: false } & Refusal);

/** Runs an operation; a refusal becomes its code instead of an exception. */
export async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, ...refusalOf(error) };
  }
}
