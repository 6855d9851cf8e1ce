// The unsubscribe links of the portal's notification mail: a token naming one purpose and one
// subject (a saved search's alerts, a realtor's mail), signed with a key derived from the
// deployment's secret, so the link works without sign-in and without a stored row. It can only
// ever turn off the one thing it names.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { ServerConfig } from "@ppt/server-kit";

/** The portal's unsubscribe page: `?hladanie=<token>` (a saved search's alerts), `?makler=<token>` (a realtor's mail). */
export const UNSUBSCRIBE_PATH = "/odhlasenie-upozorneni";

export type UnsubscribePurpose = "saved-search" | "realtor-mail";

/** From MFA_ENCRYPTION_KEY, else the JWT signing key, with its own label. */
export function unsubscribeKey(config: Pick<ServerConfig, "mfaEncryptionKey" | "keys">): Buffer | null {
  const material = config.mfaEncryptionKey ?? config.keys.signing?.privateKeyPem ?? null;
  return material ? Buffer.from(hkdfSync("sha256", material, "ppt", "portal-unsubscribe-v1", 32)) : null;
}

const mac = (key: Buffer, purpose: UnsubscribePurpose, body: string) => createHmac("sha256", key).update(`${purpose}.v1.${body}`).digest();

export function unsubscribeToken(key: Buffer, purpose: UnsubscribePurpose, subjectId: string): string {
  const body = Buffer.from(subjectId).toString("base64url");
  return `${body}.${mac(key, purpose, body).toString("base64url")}`;
}

/** The subject a genuine token of `purpose` names, else null. */
export function verifyUnsubscribeToken(key: Buffer, purpose: UnsubscribePurpose, token: string): string | null {
  if (typeof token !== "string" || token.length > 256) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, purpose, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(body, "base64url").toString("utf8");
}
