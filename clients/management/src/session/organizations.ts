// A person who belongs to several organizations (a cooperative and a manager's firm, say) acts in
// one at a time: the access token names it. Switching asks the graph for tokens in another one;
// the choice is remembered on the device, so the next sign-in lands where the person left.
import type { ApolloClient } from "@apollo/client";
import { AuthResultFields, getFragmentData, SwitchOrganization } from "@ppt/client-shared/operations";
import { refusalOf, type Refusal } from "@ppt/client-shared";
import { claimsOf } from "./permissions.ts";
import type { SessionTokens, TokenStore } from "./session.ts";

const KEY = "ppt.organization";

/** The organization each person last chose on this device (by User id: a shared computer has several). */
export interface OrganizationChoice {
  remembered: (userId: string) => string | null;
  remember: (userId: string, organizationId: string) => void;
  forget: (userId: string) => void;
}

/** Kept in `storage` when given (the browser's localStorage: it outlives the tab's session), else in memory. */
export function createOrganizationChoice(storage?: Storage): OrganizationChoice {
  let memory: Record<string, string> = {};
  const read = (): Record<string, string> => {
    if (!storage) return memory;
    try {
      const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? "{}");
      return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const write = (choices: Record<string, string>) => {
    memory = choices;
    storage?.setItem(KEY, JSON.stringify(choices));
  };
  return {
    remembered: (userId) => read()[userId] ?? null,
    remember: (userId, organizationId) => write({ ...read(), [userId]: organizationId }),
    forget: (userId) => {
      const { [userId]: _forgotten, ...rest } = read();
      write(rest);
    },
  };
}

/**
 * Tokens in another organization. `accessToken` signs the request when the store holds none yet
 * (right after sign-in, before the first organization's session is shown).
 */
async function requestSwitch(client: ApolloClient, organizationId: string, accessToken?: string): Promise<SessionTokens | null> {
  const { data } = await client.mutate({
    mutation: SwitchOrganization,
    variables: { id: organizationId },
    context: accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : undefined,
  });
  const result = data ? getFragmentData(AuthResultFields, data.switchOrganization) : null;
  return result?.accessToken ? { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: result.expiresAt } : null;
}

export type SwitchOutcome = { ok: true } | ({ ok: false } & Refusal);

/**
 * The switcher's action: new tokens, the choice remembered, and the cache emptied and refilled
 * with the new token, so no screen keeps showing what the previous organization's token read.
 */
export async function switchOrganization(client: ApolloClient, tokens: TokenStore, choice: OrganizationChoice, organizationId: string): Promise<SwitchOutcome> {
  let session: SessionTokens | null;
  try {
    session = await requestSwitch(client, organizationId);
  } catch (error) {
    return { ok: false, ...refusalOf(error) };
  }
  if (!session) return { ok: false, code: "UNAUTHENTICATED" };
  tokens.set(session);
  const { userId } = claimsOf(session.accessToken);
  if (userId) choice.remember(userId, organizationId);
  // Queries the old token had in flight are dropped (Apollo rejects them) and asked again.
  await client.resetStore().catch(() => undefined);
  return { ok: true };
}

/**
 * A new sign-in's session, moved to the organization the person last chose when the server
 * picked another (its default is the earliest membership). A choice that no longer works (the
 * membership ended) is forgotten and the server's pick kept.
 */
export async function inChosenOrganization(client: ApolloClient, choice: OrganizationChoice, session: SessionTokens): Promise<SessionTokens> {
  const { userId, organizationId } = claimsOf(session.accessToken);
  const chosen = userId ? choice.remembered(userId) : null;
  if (!userId || !chosen || chosen === organizationId) return session;
  try {
    return (await requestSwitch(client, chosen, session.accessToken)) ?? session;
  } catch (error) {
    if (refusalOf(error).code === "NOT_FOUND") choice.forget(userId);
    return session;
  }
}
