// The unsubscribe link of notification mail: a token naming one purpose and its subject (a
// person's mail of one category, a saved search, a realtor), signed with a key derived from the
// deployment's secret, so the link works without sign-in and without a stored row. It can only
// ever turn off the one thing it names: the purpose is part of what is signed.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { ServerConfig } from "../config.ts";

const MAX_TOKEN_LENGTH = 512;

/** From MFA_ENCRYPTION_KEY, else the JWT signing key (the material the auth module uses), with its own label; null without either. */
export function unsubscribeKey(config: Pick<ServerConfig, "mfaEncryptionKey" | "keys">): Buffer | null {
  const material = config.mfaEncryptionKey ?? config.keys.signing?.privateKeyPem ?? null;
  return material ? Buffer.from(hkdfSync("sha256", material, "ppt", "notification-unsubscribe-v1", 32)) : null;
}

const mac = (key: Buffer, purpose: string, body: string) => createHmac("sha256", key).update(`${purpose}.v1.${body}`).digest();

export function signUnsubscribeToken(key: Buffer, purpose: string, subject: readonly string[]): string {
  const body = Buffer.from(JSON.stringify(subject)).toString("base64url");
  return `${body}.${mac(key, purpose, body).toString("base64url")}`;
}

/** The subject of a genuine token of `purpose` (as many strings as `arity`), else null. */
export function verifyUnsubscribeToken(key: Buffer, purpose: string, token: string, arity = 1): string[] | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, purpose, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const subject: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return Array.isArray(subject) && subject.length === arity && subject.every((part) => typeof part === "string") ? subject : null;
  } catch {
    return null;
  }
}
