// The unsubscribe link of saved-search alert mail: a token naming one saved search, signed with a
// key derived from the deployment's secret, so the link works without sign-in and without a stored
// row. It can only ever turn the alerts of that one saved search off.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { ServerConfig } from "@ppt/server-kit";

/** From MFA_ENCRYPTION_KEY, else the JWT signing key, with its own label. */
export function alertUnsubscribeKey(config: Pick<ServerConfig, "mfaEncryptionKey" | "keys">): Buffer | null {
  const material = config.mfaEncryptionKey ?? config.keys.signing?.privateKeyPem ?? null;
  return material ? Buffer.from(hkdfSync("sha256", material, "ppt", "saved-search-unsubscribe-v1", 32)) : null;
}

const mac = (key: Buffer, body: string) => createHmac("sha256", key).update(`saved-search.v1.${body}`).digest();

export function alertUnsubscribeToken(key: Buffer, savedSearchId: string): string {
  const body = Buffer.from(savedSearchId).toString("base64url");
  return `${body}.${mac(key, body).toString("base64url")}`;
}

/** The saved search a genuine token names, else null. */
export function verifyAlertUnsubscribeToken(key: Buffer, token: string): string | null {
  if (typeof token !== "string" || token.length > 256) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(body, "base64url").toString("utf8");
}
