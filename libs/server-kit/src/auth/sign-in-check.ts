// Zero trust on every request and every subscription, in every subgraph: a valid signature is
// not enough, the sign-in must still stand (standing.ts), and a partner client's request is
// charged against its quota once, by the first of our services that receives it
// (gateway-charge.ts).
import type { IncomingHttpHeaders } from "node:http";
import type { Caller } from "./caller.ts";
import { GATEWAY_CHARGE_HEADER, verifiedGatewayRequest } from "./gateway-charge.ts";
import { standingSignIns } from "./standing.ts";
import { AppError } from "../errors.ts";
import { RateLimitReason } from "../rate-limit.ts";
import type { ServiceDeps } from "../service.ts";

const refused = () => AppError.unauthenticated("This sign-in is no longer valid");

/** The partner quota's counter: one namespace per quota, so a changed quota starts afresh. */
export const partnerQuotaPolicy = (quotaPerMinute: number) => ({
  name: `client-quota-${quotaPerMinute}`,
  points: quotaPerMinute,
  windowSeconds: 60,
  reason: RateLimitReason.QuotaExceeded,
});

export async function checkSignIn(deps: ServiceDeps, caller: Caller, headers: IncomingHttpHeaders | Record<string, unknown> = {}): Promise<void> {
  const [standing] = await standingSignIns(deps.prisma, [caller]);
  if (!standing) throw refused();
  if (standing.quotaPerMinute === null) return;
  const mark = headers[GATEWAY_CHARGE_HEADER];
  const nonce = verifiedGatewayRequest(deps.config.subgraphSecret, typeof mark === "string" ? mark : undefined);
  if (nonce) {
    // Another subgraph of the same gateway request already charged it: a refused "first use" means seen.
    const first = await deps.rateLimits
      .limiter({ name: "partner-request-charged", points: 1, windowSeconds: 300 })
      .consume(nonce)
      .then(
        () => true,
        () => false,
      );
    if (!first) return;
  }
  await deps.rateLimits.limiter(partnerQuotaPolicy(standing.quotaPerMinute)).consume(caller.userId);
}
