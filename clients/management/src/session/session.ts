// The signed-in session as the app holds it: the access token (15 minutes), the refresh token
// (rotated on every renewal) and when the access token expires. In the browser it is kept in
// sessionStorage, so it ends with the tab.
const KEY = "ppt.session";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string | null;
  /** ISO time; null when unknown (the gateway's refusal is then what triggers a renewal). */
  expiresAt: string | null;
}

// Members are function properties, not methods: callers pass them around detached (useSyncExternalStore).
export interface TokenStore {
  /** The access token, or null when signed out. */
  get: () => string | null;
  session: () => SessionTokens | null;
  /** null signs out. */
  set: (session: SessionTokens | null) => void;
  /** For React (useSyncExternalStore): called after every change. */
  subscribe: (listener: () => void) => () => void;
}

function read(storage: Storage | undefined): SessionTokens | null {
  try {
    const raw = storage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as SessionTokens) : null;
  } catch {
    return null;
  }
}

/** A store kept in `storage` when given (the browser's sessionStorage), else in memory (server rendering, tests). */
export function createTokenStore(options: { storage?: Storage; initial?: SessionTokens | null } = {}): TokenStore {
  const { storage } = options;
  let current = options.initial ?? read(storage);
  const listeners = new Set<() => void>();
  return {
    get: () => current?.accessToken ?? null,
    session: () => current,
    set(session) {
      current = session;
      if (session) storage?.setItem(KEY, JSON.stringify(session));
      else storage?.removeItem(KEY);
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Whether the access token expires within `marginMs` (renew before a socket or request is refused). */
export function expiresSoon(session: SessionTokens, now = Date.now(), marginMs = 30_000): boolean {
  return session.expiresAt !== null && new Date(session.expiresAt).getTime() - now < marginMs;
}
