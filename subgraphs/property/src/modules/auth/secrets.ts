// Recovery codes of two-factor authentication (the other random secrets and their digests are
// the kit's: libs/server-kit/src/auth/credentials.ts).
import { randomBytes } from "node:crypto";

const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read from paper

/** A recovery code such as "K7QH-M2XD-9TWP-R4NA" (80 bits). */
export function recoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]!).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** Recovery codes are compared without dashes, spaces or case. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}
