// The auth module's building blocks without a server: TOTP steps and replay windows, TOTP
// secrets at rest, password hashing and strength, recovery codes, and the public key set.
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { digest, generateSigningKey, hashPassword, matchesDigest, passwordSchema, verifyPassword } from "@ppt/server-kit";
import { publicKeySet } from "./jwks.ts";
import { normalizeRecoveryCode, recoveryCode } from "./secrets.ts";
import { decryptSecret, encryptSecret, matchTotp, newTotpSecret, totpUri } from "./totp.ts";

describe("TOTP", () => {
  const secret = newTotpSecret();
  const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  const now = Date.UTC(2025, 0, 1, 12, 0, 10);

  it("accepts the current code and one step of drift either way, naming the step it belongs to", () => {
    const step = Math.floor(now / 30_000);
    expect(matchTotp(secret, app.generate({ timestamp: now }), now)).toBe(step);
    expect(matchTotp(secret, app.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(matchTotp(secret, app.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
    expect(matchTotp(secret, app.generate({ timestamp: now - 90_000 }), now)).toBeNull();
    expect(matchTotp(secret, "12345", now)).toBeNull();
    expect(matchTotp(secret, "abcdef", now)).toBeNull();
  });

  it("gives an otpauth URI an authenticator app reads", () => {
    const uri = totpUri(secret, "eva@example.sk");
    expect(uri).toContain("otpauth://totp/PPT:eva%40example.sk?");
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=PPT");
  });

  it("stores secrets encrypted: readable with the key, refused when tampered with or under another key", () => {
    const key = randomBytes(32);
    const sealed = encryptSecret(key, secret);
    expect(sealed).not.toContain(secret);
    expect(encryptSecret(key, secret)).not.toBe(sealed);
    expect(decryptSecret(key, sealed)).toBe(secret);
    // Change the second-to-last character (the one tested, not the last: a 1-in-64 no-op otherwise).
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.slice(-1)}`;
    expect(flipped).not.toBe(sealed);
    expect(() => decryptSecret(key, flipped)).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
  });
});

describe("passwords", () => {
  it("hashes with Argon2id at OWASP's parameters and verifies only the right password", async () => {
    const hash = await hashPassword("dlhé a dobré heslo");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "dlhé a dobré heslo")).toBe(true);
    expect(await verifyPassword(hash, "dlhé a dobré hesl0")).toBe(false);
    // No account: a decoy hash is checked (same cost), and the answer is no.
    expect(await verifyPassword(null, "dlhé a dobré heslo")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("requires at least 10 characters that are not just spaces or one repeated character", () => {
    expect(passwordSchema.safeParse("kratke").success).toBe(false);
    expect(passwordSchema.safeParse("aaaaaaaaaaaa").success).toBe(false);
    expect(passwordSchema.safeParse("  a b c   ").success).toBe(false);
    expect(passwordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(passwordSchema.safeParse("správne-heslo-2024").success).toBe(true);
  });
});

describe("secrets", () => {
  it("makes readable 80-bit recovery codes compared without dashes or case", () => {
    const code = recoveryCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, " "))).toBe(code.replace(/-/g, ""));
    expect(new Set(Array.from({ length: 50 }, recoveryCode)).size).toBe(50);
  });

  it("compares presented secrets with stored digests", () => {
    expect(matchesDigest("tajné", digest("tajné"))).toBe(true);
    expect(matchesDigest("tajne", digest("tajné"))).toBe(false);
    expect(matchesDigest("tajné", "short")).toBe(false);
  });
});

describe("JWKS", () => {
  it("publishes public members only", async () => {
    const { jwks } = await generateSigningKey("k1");
    const leaky = { keys: [{ ...jwks.keys[0]!, d: "private" }] };
    const published = publicKeySet(leaky);
    expect(published.keys[0]).toMatchObject({ kid: "k1", alg: "EdDSA", kty: "OKP", x: jwks.keys[0]!.x });
    expect(published.keys[0]).not.toHaveProperty("d");
  });
});
