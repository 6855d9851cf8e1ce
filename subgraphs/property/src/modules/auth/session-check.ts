// The property subgraph's side of the one sign-in rule (the kit's checkSignIn / standingSignIns
// over the SQL function identity.standing_sign_ins): the reality subgraph applies the same rule.
import { checkSignIn, standingSignIns, type Caller, type PrismaClient, type ServiceDeps } from "@ppt/server-kit";
import type { IncomingHttpHeaders } from "node:http";

/** Every request and subscription: refuses a sign-in that ended; charges a partner's quota once per request. */
export async function checkSession(deps: ServiceDeps, caller: Caller, headers?: IncomingHttpHeaders): Promise<void> {
  await checkSignIn(deps, caller, headers);
}

/**
 * Which of these callers' sign-ins still stand, in one query however many callers, so a live
 * feed can re-check every subscriber at each change.
 */
export async function standingCallers(db: PrismaClient, callers: readonly Caller[]): Promise<boolean[]> {
  return (await standingSignIns(db, callers)).map((standing) => standing !== null);
}
