// An agency's verification. It starts unverified (the portal says so). Two ways to verify:
// - by domain: when the contact address is on the agency's web domain (not a public mail
//   provider's), a single-use link (48 hours) is mailed to it; following it proves the agency
//   controls a mailbox of the domain its website is on;
// - by a platform super administrator, who checked the agency another way (the business register).
import type { Agency } from "@ppt/db/client";
import { AppError, digest, isUuid, randomToken, writeAuditLog, writeOutboxEvent, type Tx } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { publicDetailsChanged } from "../../shared/public-change.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { requirePlatformSuperAdmin } from "./platform-admin.ts";

const DOMAIN_TOKEN_TTL_MS = 48 * 3600 * 1000;
export const AGENCY_DOMAIN_VERIFICATION_REQUESTED = "agency.domain_verification_requested";

/** Mailboxes anyone can open: an address there proves nothing about a web domain. */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
  "azet.sk",
  "zoznam.sk",
  "centrum.sk",
  "post.sk",
  "pobox.sk",
  "atlas.sk",
  "seznam.cz",
  "email.cz",
]);

const bareHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");

/** The address, lower-cased, when its domain is the host of `website` (without "www."), else null. */
export function domainAddress(email: string | null, website: string | null): string | null {
  if (!email || !website) return null;
  let host: string;
  try {
    host = bareHost(new URL(website).hostname);
  } catch {
    return null;
  }
  const mailDomain = bareHost(email.split("@")[1] ?? "");
  if (!mailDomain || PUBLIC_MAIL_DOMAINS.has(mailDomain) || PUBLIC_MAIL_DOMAINS.has(host)) return null;
  return mailDomain === host ? email.toLowerCase() : null;
}

/** Issues a new domain token (an earlier one stops working) and the outbox event whose mail carries it. */
export async function requestDomainVerification(tx: Tx, agency: Agency, language: string): Promise<boolean> {
  const address = domainAddress(agency.email, agency.website);
  if (!address || agency.verifiedAt) return false;
  const token = randomToken();
  await tx.agency.update({
    where: { id: agency.id },
    data: { domainTokenHash: digest(token), domainTokenExpiresAt: new Date(Date.now() + DOMAIN_TOKEN_TTL_MS), domainEmail: address },
  });
  await writeOutboxEvent(tx, {
    aggregateType: "agency",
    aggregateId: agency.id,
    eventType: AGENCY_DOMAIN_VERIFICATION_REQUESTED,
    payload: { agencyId: agency.id, token, language },
  });
  return true;
}

const invalidToken = () => AppError.badInput("Invalid or expired token", { field: "token" });

export async function confirmAgencyDomain(ctx: RealityContext, token: string): Promise<Agency> {
  if (!token || token.length > 200) throw invalidToken();
  return inTransaction(ctx, async (tx) => {
    const now = new Date();
    const agency = await tx.agency.findUnique({ where: { domainTokenHash: digest(token) } });
    if (!agency || !agency.domainTokenExpiresAt || agency.domainTokenExpiresAt <= now || agency.status !== "ACTIVE") throw invalidToken();
    // Of two concurrent presentations exactly one verifies; the token is gone after it.
    const done = await tx.agency.updateMany({
      where: { id: agency.id, domainTokenHash: digest(token) },
      data: { verifiedAt: now, verificationMethod: "DOMAIN_EMAIL", domainTokenHash: null, domainTokenExpiresAt: null },
    });
    if (done.count !== 1) throw invalidToken();
    await writeAuditLog(tx, ctx, { action: "agency.verified", entityType: "agency", entityId: agency.id, diff: { method: "DOMAIN_EMAIL" } });
    await publicDetailsChanged(tx, "agency", agency.id);
    return tx.agency.findUniqueOrThrow({ where: { id: agency.id } });
  });
}

export async function verifyAgency(ctx: RealityContext, agencyId: string): Promise<Agency> {
  await requirePlatformSuperAdmin(ctx);
  if (!isUuid(agencyId)) throw AppError.notFound("Agency");
  return inTransaction(ctx, async (tx) => {
    const agency = await tx.agency.findUnique({ where: { id: agencyId } });
    if (!agency) throw AppError.notFound("Agency");
    if (agency.verifiedAt) return agency;
    const verified = await tx.agency.update({
      where: { id: agencyId },
      data: { verifiedAt: new Date(), verificationMethod: "PLATFORM_ADMIN", domainTokenHash: null, domainTokenExpiresAt: null },
    });
    await writeAuditLog(tx, ctx, { action: "agency.verified", entityType: "agency", entityId: agencyId, diff: { method: "PLATFORM_ADMIN" } });
    await publicDetailsChanged(tx, "agency", agencyId);
    return verified;
  });
}
