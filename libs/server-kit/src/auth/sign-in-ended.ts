// "A sign-in ended": published on pub/sub right after a logout, a "log out everywhere", a
// removal from an organization, a new password or a revoked partner client commits, so every
// process ends that sign-in's open subscriptions at once instead of when its token expires.
// Subgraphs re-check the named user's subscriptions against the database (the one rule of
// standing.ts); the gateway, which has no database, closes the matching connections (4403) and
// the client reconnects with a fresh token, or not at all.
import type { Caller } from "./caller.ts";
import type { PubSub, Unsubscribe } from "../events/pubsub.ts";

export const SIGN_IN_ENDED_CHANNEL = "auth:sign-in-ended";

export interface SignInEnded {
  /** The user, portal user or partner client (its id) whose sign-in ended. */
  userId: string;
  /** Only this session (logout, revokeSession); absent: every session of the user. */
  sessionId?: string | null;
  /** Only sign-ins acting in this organization (a removal); absent: all. */
  organizationId?: string | null;
}

/** Whether the ending names this caller. */
export function signInEndedFor(ended: SignInEnded, caller: Caller): boolean {
  return (
    caller.userId === ended.userId &&
    (!ended.sessionId || caller.sessionId === ended.sessionId) &&
    (!ended.organizationId || caller.organizationId === ended.organizationId)
  );
}

/** Call after the ending committed. */
export async function announceSignInsEnded(pubsub: PubSub, endings: readonly SignInEnded[]): Promise<void> {
  await Promise.all(endings.map((ended) => pubsub.publish(SIGN_IN_ENDED_CHANNEL, ended)));
}

export function onSignInEnded(pubsub: PubSub, handler: (ended: SignInEnded) => void): Promise<Unsubscribe> {
  return pubsub.subscribe(SIGN_IN_ENDED_CHANNEL, (payload) => {
    const ended = payload as Partial<SignInEnded> | null;
    if (ended && typeof ended.userId === "string") handler(ended as SignInEnded);
  });
}
