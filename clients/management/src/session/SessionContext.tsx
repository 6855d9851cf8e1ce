import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { useApolloClient } from "@apollo/client/react";
import { signOut } from "./auth.ts";
import { createOrganizationChoice, type OrganizationChoice } from "./organizations.ts";
import { claimsOf, permissionsOf } from "./permissions.ts";
import type { TokenStore } from "./session.ts";

const SessionContext = createContext<{ tokens: TokenStore; choice: OrganizationChoice } | null>(null);

/**
 * Gives the screens the session; the token store stays the one source of truth (the client reads it
 * too). `choice` remembers the organization a person last chose (in memory when not given).
 */
export function SessionProvider({ tokens, choice, children }: { tokens: TokenStore; choice?: OrganizationChoice; children: ReactNode }) {
  const value = useMemo(() => ({ tokens, choice: choice ?? createOrganizationChoice() }), [tokens, choice]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionContext() {
  const session = useContext(SessionContext);
  if (!session) throw new Error("session hooks outside SessionProvider");
  return session;
}

export function useTokens(): TokenStore {
  return useSessionContext().tokens;
}

export function useOrganizationChoice(): OrganizationChoice {
  return useSessionContext().choice;
}

function useAccessToken(): string | null {
  const tokens = useTokens();
  return useSyncExternalStore(tokens.subscribe, tokens.get, tokens.get);
}

export function useSession() {
  const tokens = useTokens();
  const client = useApolloClient();
  const signedIn = useAccessToken() !== null;
  return { signedIn, signOut: () => signOut(client, tokens) };
}

/** Whether the session's token grants `permission` (e.g. "votes:write"): which controls to show. */
export function usePermission(permission: string): boolean {
  return permissionsOf(useAccessToken()).has(permission);
}

/** The signed-in person's User id and the organization the token acts in. */
export function useIdentity(): { userId: string | null; organizationId: string | null } {
  const { userId, organizationId } = claimsOf(useAccessToken());
  return { userId, organizationId };
}
