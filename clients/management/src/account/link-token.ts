// The one-time token an e-mailed link carries (`?token=…`), and running its action once per page
// load: React's strict mode mounts twice, and a verification token works only once.
import { useEffect, useState } from "react";
import { useSearchParams } from "wouter";
import { refusalOf, type Outcome, type Refusal } from "@ppt/client-shared";

export function useLinkToken(): string | null {
  const [params] = useSearchParams();
  return params.get("token")?.trim() || null;
}

/** Done with the action's answer, or refused with the server's code. */
export type Result<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

const started = new Map<string, Promise<Result<unknown>>>();

/** Runs `run` once for `key` (per page load) and answers its result; null while it runs. */
export function useOnce<T>(key: string | null, run: () => Promise<T>): Result<T> | null {
  const [outcome, setOutcome] = useState<Result<T> | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    let pending = started.get(key);
    if (!pending)
      started.set(
        key,
        (pending = run().then(
          (value): Result<unknown> => ({ ok: true, value }),
          (error: unknown): Result<unknown> => ({ ok: false, ...refusalOf(error) }),
        )),
      );
    void pending.then((result) => live && setOutcome(result as Result<T>));
    return () => {
      live = false;
    };
    // `run` is a new closure each render; the key says what it does.
  }, [key]);
  return outcome;
}

/** Whether a refusal means the e-mailed link itself is no good (unknown, used or expired). */
export function linkRefused(outcome: Outcome | Result<unknown>): boolean {
  return !outcome.ok && outcome.code === "BAD_USER_INPUT" && (outcome.field === undefined || outcome.field === "token");
}
