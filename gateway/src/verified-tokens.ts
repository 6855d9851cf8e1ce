// Verifying a token is an Ed25519 signature check, done at the edge and again by the rate limit:
// a busy dashboard sends the same token hundreds of times a minute. Verification is a pure function
// of the token's bytes, the audiences asked for and the clock, so the verified claims are kept by
// token until the token expires (never longer); a refused token is never kept.
import { TokenVerifier, type VerifiedToken } from "@ppt/server-kit/edge";

const LIMIT = 10_000;

export class CachingTokenVerifier extends TokenVerifier {
  private readonly verified = new Map<string, VerifiedToken>();

  override async verify(token: string, audiences?: Parameters<TokenVerifier["verify"]>[1]): Promise<VerifiedToken> {
    const key = `${audiences?.join(",") ?? ""} ${token}`;
    const known = this.verified.get(key);
    if (known && known.exp * 1000 > Date.now()) return known;
    if (known) this.verified.delete(key);
    const claims = await super.verify(token, audiences);
    if (this.verified.size >= LIMIT) this.verified.clear();
    this.verified.set(key, claims);
    return claims;
  }
}
