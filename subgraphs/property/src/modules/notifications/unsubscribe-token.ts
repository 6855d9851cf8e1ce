// The unsubscribe link of a notification e-mail: one token per (organization, person, category),
// signed with a key derived from the deployment's secret, so the link works without sign-in and
// without a stored row. It can only ever turn e-mail of one category off for the person it names.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { ServerConfig } from "@ppt/server-kit";
import { isMutable } from "./categories.ts";

export interface UnsubscribeSubject {
  organizationId: string;
  userId: string;
  category: string;
}

/** The signing key: from MFA_ENCRYPTION_KEY, else the JWT signing key (the same material the auth module uses), with its own label. */
export function unsubscribeKeyOf(config: Pick<ServerConfig, "mfaEncryptionKey" | "keys">): Buffer | null {
  const material = config.mfaEncryptionKey ?? config.keys.signing?.privateKeyPem ?? null;
  return material ? Buffer.from(hkdfSync("sha256", material, "ppt", "notification-unsubscribe-v1", 32)) : null;
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(`unsubscribe.v1.${body}`).digest();
}

export function unsubscribeToken(key: Buffer, subject: UnsubscribeSubject): string {
  const body = Buffer.from(JSON.stringify([subject.organizationId, subject.userId, subject.category])).toString("base64url");
  return `${body}.${mac(key, body).toString("base64url")}`;
}

/** The subject of a genuine token of a mutable category, else null. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeSubject | null {
  if (typeof token !== "string" || token.length > 512) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [organizationId, userId, category] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof organizationId !== "string" || typeof userId !== "string" || typeof category !== "string" || !isMutable(category)) return null;
    return { organizationId, userId, category };
  } catch {
    return null;
  }
}
