import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { useApolloClient } from "@apollo/client/react";
import { signOut } from "./auth.ts";
import type { TokenStore } from "./tokens.ts";

const SessionContext = createContext<TokenStore | null>(null);

/** Gives the screens the sign-in; the token store stays the one source of truth (the client reads it too). */
export function SessionProvider({ tokens, children }: { tokens: TokenStore; children: ReactNode }) {
  return <SessionContext.Provider value={tokens}>{children}</SessionContext.Provider>;
}

export function useTokens(): TokenStore {
  const tokens = useContext(SessionContext);
  if (!tokens) throw new Error("useTokens outside SessionProvider");
  return tokens;
}

export function useSession() {
  const tokens = useTokens();
  const client = useApolloClient();
  const signedIn = useSyncExternalStore(
    tokens.subscribe,
    () => tokens.get() !== null,
    () => tokens.get() !== null,
  );
  return { signedIn, signOut: () => signOut(client, tokens) };
}
