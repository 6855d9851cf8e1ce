// The portal sign-in as the app holds it: the access token (15 minutes), the refresh token
// (rotated on every renewal: only the newest one works) and when the access token expires.
// In the browser it is kept in localStorage, so a visitor stays signed in across tabs and
// visits; every read goes to the storage, so a tab sees what another tab renewed.
const KEY = "ppt.portal.session";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
}

// Members are function properties, not methods: callers pass them around detached (useSyncExternalStore).
export interface TokenStore {
  /** The access token, or null when signed out. */
  get: () => string | null;
  session: () => SessionTokens | null;
  /** null signs out. */
  set: (session: SessionTokens | null) => void;
  /** For React (useSyncExternalStore): called after every change, also one made in another tab. */
  subscribe: (listener: () => void) => () => void;
}

function read(storage: Storage): SessionTokens | null {
  try {
    const raw = storage.getItem(KEY);
    return raw ? (JSON.parse(raw) as SessionTokens) : null;
  } catch {
    return null;
  }
}

/** Kept in `storage` when given (the browser's localStorage), else in memory (server rendering, tests). */
export function createTokenStore(options: { storage?: Storage; initial?: SessionTokens | null } = {}): TokenStore {
  const { storage } = options;
  let memory = options.initial ?? null;
  if (storage && options.initial !== undefined) write(options.initial);
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  function write(session: SessionTokens | null) {
    if (!storage) return void (memory = session);
    if (session) storage.setItem(KEY, JSON.stringify(session));
    else storage.removeItem(KEY);
  }
  function current(): SessionTokens | null {
    return storage ? read(storage) : memory;
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) notify();
  };

  return {
    get: () => current()?.accessToken ?? null,
    session: current,
    set(session) {
      write(session);
      notify();
    },
    subscribe(listener) {
      if (listeners.size === 0 && storage && typeof window !== "undefined") window.addEventListener("storage", onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && storage && typeof window !== "undefined") window.removeEventListener("storage", onStorage);
      };
    },
  };
}

/** Whether the access token expires within `marginMs`: it is renewed before it is sent and refused. */
export function expiresSoon(session: SessionTokens, now = Date.now(), marginMs = 30_000): boolean {
  return new Date(session.expiresAt).getTime() - now < marginMs;
}
