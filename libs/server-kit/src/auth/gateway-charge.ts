// A partner's quota is charged once per request, by the first of our services that receives it.
// The gateway cannot charge itself (the quota lives in the database), so it marks each request it
// forwards with a nonce of its own, signed with the secret it shares with the subgraphs
// (SUBGRAPH_SHARED_SECRET): the first subgraph that sees a nonce charges, the others of the same
// request do not. A request without a valid mark came straight to a subgraph and is charged
// there. Clients cannot forge the mark (no secret) nor reuse one (the nonce is the gateway's,
// not the client's request id, and each is charged once).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const GATEWAY_CHARGE_HEADER = "x-ppt-gateway-request";

const mac = (secret: string, nonce: string) => createHmac("sha256", secret).update(`request:${nonce}`).digest("base64url");

/** The header value the gateway sends with every subgraph fetch of one client request. */
export function gatewayRequestMark(secret: string, nonce: string = randomUUID()): string {
  return `${nonce}.${mac(secret, nonce)}`;
}

/** The nonce of a genuine gateway mark, or null (absent, malformed or forged). */
export function verifiedGatewayRequest(secret: string, value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0 || dot > 64) return null;
  const nonce = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(secret, nonce));
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
