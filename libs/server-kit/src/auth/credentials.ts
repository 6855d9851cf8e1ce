// What people present to sign in, shared by the property and the portal accounts: passwords
// (Argon2id with OWASP's parameters, one strength rule), email addresses as account keys, and
// random secrets (refresh tokens, one-time tokens, client secrets) stored only as a SHA-256
// digest. Those secrets carry 128+ bits of randomness, so a fast digest is enough (no
// password-style hashing needed) and lookups by digest stay indexed.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 passes, 1 lane. `2` is Algorithm.Argon2id (a const enum). */
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Long enough to resist guessing; bounded so hashing cannot be turned into a denial of service. */
export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(128, "must be at most 128 characters")
  .refine((p) => p.trim().length >= 10, "must not be mostly spaces")
  .refine((p) => new Set(p).size >= 4, "is too repetitive");

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

// Verifying against this when the account does not exist keeps "no such user" and "wrong
// password" equally slow, so response times do not reveal which addresses have accounts.
let decoy: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  const stored = passwordHash ?? (await (decoy ??= hashPassword("decoy-password-never-matches")));
  try {
    const ok = await verify(stored, password);
    return ok && Boolean(passwordHash);
  } catch {
    return false;
  }
}

/** Accounts are keyed by the address as typed, trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** 32 random bytes, base64url: what refresh tokens, one-time tokens and client secrets look like. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function digest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares a presented secret with a stored digest in constant time. */
export function matchesDigest(secret: string, storedDigest: string): boolean {
  const presented = Buffer.from(digest(secret), "hex");
  const stored = Buffer.from(storedDigest, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
