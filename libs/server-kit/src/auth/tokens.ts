// Access tokens: JWTs signed with EdDSA (Ed25519), verified with public keys only.
// One issuer, two audiences: `ppt` (property management) and `portal` (portal users, realtors).
import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from "jose";
import { AppError } from "../errors.ts";

export const TOKEN_ISSUER = "ppt";
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export type Audience = "ppt" | "portal";
/** Audiences of one-step tokens (the MFA challenge between password and code): never access tokens. */
export type ChallengeAudience = "ppt-mfa";
const ALGORITHM = "EdDSA";

export interface AccessClaims {
  sub: string;
  aud: Audience;
  /** The active organization (property audience). */
  org?: string | null;
  roles?: string[];
  permissions?: string[];
  /** Session id, so a revoked session's tokens can be refused. */
  sid?: string;
  /** Set for partner machine credentials (client-credentials grant). */
  client_id?: string;
  /** A partner client's plan quota (requests per minute), so the gateway can hold it without a database. */
  quota_per_minute?: number;
}

export interface VerifiedToken extends AccessClaims {
  iat: number;
  exp: number;
}

export interface SigningKey {
  kid: string;
  privateKeyPem: string;
}

export async function generateSigningKey(kid = `dev-${Date.now().toString(36)}`): Promise<{ signing: SigningKey; jwks: JSONWebKeySet }> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    signing: { kid, privateKeyPem: await exportPKCS8(privateKey) },
    jwks: { keys: [{ ...jwk, kid, alg: ALGORITHM, use: "sig" }] },
  };
}

export class TokenSigner {
  private keyPromise: ReturnType<typeof importPKCS8>;
  constructor(private readonly key: SigningKey) {
    this.keyPromise = importPKCS8(key.privateKeyPem, ALGORITHM);
  }

  async sign(claims: AccessClaims, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<string> {
    const { sub, aud, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid, typ: "JWT" })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(sub)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(await this.keyPromise);
  }

  /** A short-lived token for one step of a flow; its audience keeps it from ever passing as an access token. */
  async signChallenge(sub: string, audience: ChallengeAudience, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    return (
      new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid, typ: "JWT" })
        .setIssuer(TOKEN_ISSUER)
        .setSubject(sub)
        .setAudience(audience)
        // Unique per challenge: two sign-ins within one second must not get the same token, or
        // completing one would count as completing the other (challenges are single use).
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(await this.keyPromise)
    );
  }
}

export class TokenVerifier {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;
  constructor(jwks: JSONWebKeySet) {
    this.keys = createLocalJWKSet(jwks);
  }

  /** Verifies signature (EdDSA only: `none`, HS256 and the rest are refused), issuer, audience and expiry. */
  async verify(token: string, audiences: Audience[] = ["ppt", "portal"]): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: audiences,
        requiredClaims: ["sub", "exp", "iat"],
      });
      const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
      return { ...(payload as unknown as VerifiedToken), aud: aud as Audience };
    } catch {
      throw AppError.unauthenticated("Invalid or expired token");
    }
  }

  /** Verifies a challenge token of exactly this audience (same algorithm pinning and expiry). */
  async verifyChallenge(token: string, audience: ChallengeAudience): Promise<JWTPayload & { sub: string }> {
    try {
      const { payload } = await jwtVerify(token, this.keys, { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER, audience, requiredClaims: ["sub", "exp", "iat"] });
      return payload as JWTPayload & { sub: string };
    } catch {
      throw AppError.unauthenticated("Invalid or expired token");
    }
  }
}

/** `Authorization: Bearer <token>` → the token, or null when absent. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match) throw AppError.unauthenticated("Authorization must be a Bearer token");
  return match[1]!;
}
