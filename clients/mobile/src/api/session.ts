// The signed-in session: tokens kept in the keychain (see storage.ts), renewed with the refresh
// token shortly before the access token expires. Listeners learn of sign-in and sign-out.
import type { SharedAuthResultFragment } from "@ppt/client-shared/operations";
import { secrets } from "../storage.ts";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: string | null;
}

const KEY = "ppt.session";

export class SessionStore {
  private tokens: SessionTokens | null = null;
  private readonly listeners = new Set<(signedIn: boolean) => void>();

  async load(): Promise<void> {
    const raw = await secrets.get(KEY);
    this.tokens = raw ? (JSON.parse(raw) as SessionTokens) : null;
  }

  get(): SessionTokens | null {
    return this.tokens;
  }

  async set(tokens: SessionTokens | null): Promise<void> {
    this.tokens = tokens;
    await secrets.set(KEY, tokens ? JSON.stringify(tokens) : null);
    for (const listener of this.listeners) listener(tokens !== null);
  }

  subscribe(listener: (signedIn: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Who is signed in, as the person and organization the access token names: what the outbox
   * files each entry under, so nothing one person queued is ever sent under another's session.
   * The token is read, not verified: the API verifies it; this only labels the device's own data.
   */
  owner(): string | null {
    const payload = this.tokens?.accessToken.split(".")[1];
    if (!payload) return null;
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: unknown; org?: unknown };
      return typeof claims.sub === "string" ? `${claims.sub}/${typeof claims.org === "string" ? claims.org : ""}` : null;
    } catch {
      return null;
    }
  }

  /** Within a minute of expiry: renew before the next request. */
  expiresSoon(now = Date.now()): boolean {
    const at = this.tokens?.expiresAt ? Date.parse(this.tokens.expiresAt) : NaN;
    return Number.isFinite(at) && at - now < 60_000;
  }
}

export function tokensOf(result: SharedAuthResultFragment): SessionTokens | null {
  return result.accessToken ? { accessToken: result.accessToken, refreshToken: result.refreshToken ?? null, expiresAt: result.expiresAt ?? null } : null;
}
