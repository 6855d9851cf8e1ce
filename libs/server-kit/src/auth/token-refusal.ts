// Why a WebSocket's token was refused, as the close reason of code 4403, so a client knows what
// to do: "token missing" (sign in), "token invalid" (sign in again), "token expired" (renew with
// the refresh token and reconnect), "sign-in ended" (the session is over: sign in again).
import { decodeJwt } from "jose";

export type TokenRefusal = "token missing" | "token invalid" | "token expired" | "sign-in ended";

/**
 * Called only after verification failed. The payload is read WITHOUT trusting it: a past `exp`
 * can only tell the client its own token is stale, which it could read itself.
 */
export function tokenRefusal(authorization: unknown, now = Date.now()): TokenRefusal {
  if (typeof authorization !== "string" || !authorization.trim()) return "token missing";
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) return "token invalid";
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" && exp * 1000 <= now ? "token expired" : "token invalid";
  } catch {
    return "token invalid";
  }
}
