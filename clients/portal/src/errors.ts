import { CombinedGraphQLErrors, ServerError } from "@apollo/client";

/** The server's error code (`extensions.code`) of a failed operation; "NETWORK" when no answer came. */
export function errorCode(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return codeOf(error.errors[0]?.extensions?.code);
  // A refusal with an HTTP error status (the gateway's 401/403) still carries the GraphQL body.
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { extensions?: { code?: unknown } }[] };
      return codeOf(body.errors?.[0]?.extensions?.code);
    } catch {
      return "INTERNAL_SERVER_ERROR";
    }
  }
  return "NETWORK";
}

/** The graph answers NOT_FOUND both for what does not exist and for what is not public. */
export function isNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.every((e) => e.extensions?.code === "NOT_FOUND");
}

/** The message for a code from `messages`, or its `other` one. */
export function messageFor(messages: Record<string, string> & { other: string }, code: string): string {
  return messages[code] ?? messages.other;
}

/** Done, or refused with the server's code (UNAUTHENTICATED, RATE_LIMITED, BAD_USER_INPUT, NETWORK…). */
export type Outcome = { ok: true } | { ok: false; code: string };

/** Runs an operation; a refusal becomes its code instead of an exception. */
export async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, code: errorCode(error) };
  }
}

/** `extensions.code` is any JSON; our servers always send a string. */
function codeOf(code: unknown): string {
  return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
}
