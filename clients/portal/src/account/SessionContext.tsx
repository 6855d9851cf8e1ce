import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { useApolloClient } from "@apollo/client/react";
import { signOut } from "./auth.ts";
import type { TokenStore } from "./tokens.ts";

const SessionContext = createContext<{ tokens: TokenStore; anonymousServer: boolean } | null>(null);

/**
 * Gives the screens the sign-in; the token store stays the one source of truth (the client reads it too).
 * `anonymousServer`: the page was rendered on the server for an anonymous visitor (the sign-in lives
 * in the browser's storage), so hydration starts signed out, as that HTML is, and the signed-in
 * screens follow right after.
 */
export function SessionProvider({ tokens, anonymousServer = false, children }: { tokens: TokenStore; anonymousServer?: boolean; children: ReactNode }) {
  return <SessionContext.Provider value={{ tokens, anonymousServer }}>{children}</SessionContext.Provider>;
}

export function useTokens(): TokenStore {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useTokens outside SessionProvider");
  return session.tokens;
}

export function useSession() {
  const tokens = useTokens();
  const anonymousServer = useContext(SessionContext)?.anonymousServer ?? false;
  const client = useApolloClient();
  const signedIn = useSyncExternalStore(
    tokens.subscribe,
    () => tokens.get() !== null,
    () => !anonymousServer && tokens.get() !== null,
  );
  return { signedIn, signOut: () => signOut(client, tokens) };
}
