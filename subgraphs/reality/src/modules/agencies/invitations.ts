// Invitations of realtors by e-mail. An OWNER or ADMIN invites an address; the mail (agency-mail.ts,
// through the outbox and the reality worker) links to the portal's invitation page with a token
// kept here only as its digest. A signed-in portal user presenting the token joins the agency
// once, within 7 days: the link reaching them is what proves they were invited. Inviting the same
// address again replaces the earlier invitation (its link stops working).
import type { AgencyInvitation, AgencyRealtor } from "@ppt/db/client";
import { AppError, digest, limitedAttempt, normalizeEmail, parseInput, randomToken, writeAuditLog, writeOutboxEvent } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { portalUserById } from "../accounts/index.ts";
import { realtorForAccount } from "../realtors/index.ts";
import { higherRole, lockMembers, requireAgencyAdmin, requireRightToGrant, setMembership, type AgencyRole } from "./memberships.ts";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const AGENCY_REALTOR_INVITED = "agency.realtor_invited";

const emailSchema = z.email().max(255);

export async function inviteRealtor(ctx: RealityContext, agencyId: string, email: string, role: AgencyRole): Promise<AgencyInvitation> {
  const actor = await requireAgencyAdmin(ctx, agencyId);
  const address = normalizeEmail(parseInput(emailSchema, email, "email"));
  requireRightToGrant(actor, agencyId, role);
  return inTransaction(ctx, async (tx) => {
    const now = new Date();
    await tx.agencyInvitation.updateMany({ where: { agencyId, email: address, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const token = randomToken();
    const invitation = await tx.agencyInvitation.create({
      data: { agencyId, email: address, role, tokenHash: digest(token), invitedBy: actor.realtor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await writeOutboxEvent(tx, {
      aggregateType: "agency",
      aggregateId: agencyId,
      eventType: AGENCY_REALTOR_INVITED,
      payload: { invitationId: invitation.id, token, language: ctx.language },
    });
    await writeAuditLog(tx, ctx, { action: "agency.realtor_invited", entityType: "agency", entityId: agencyId, diff: { invitationId: invitation.id, role } });
    return invitation;
  });
}

const invalidToken = () => AppError.badInput("Invalid or expired invitation", { field: "token" });

export async function acceptAgencyInvitation(ctx: RealityContext, token: string): Promise<AgencyRealtor> {
  const portalUserId = requirePortalUser(ctx);
  if (!token || token.length > 200) throw invalidToken();
  // A wrong token costs a point of the caller's address (as the account tokens do): tokens cannot be guessed at speed.
  return limitedAttempt(
    [[ctx.auth.limits.failuresByIp, ctx.clientIp ?? "unknown"]],
    () =>
      inTransaction(ctx, async (tx) => {
        const now = new Date();
        const invitation = await tx.agencyInvitation.findUnique({ where: { tokenHash: digest(token) }, include: { agency: true } });
        if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now || invitation.agency.status !== "ACTIVE") return null;
        // Of two presentations of one token, exactly one goes on; a refusal has written nothing.
        const used = await tx.agencyInvitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } });
        if (used.count !== 1) return null;
        const account = await portalUserById(tx, portalUserId);
        if (!account || account.status !== "ACTIVE") throw AppError.forbidden("Sign in with an active portal account");
        const realtor = await realtorForAccount(tx, { portalUserId, name: account.name, email: account.email });
        await tx.agencyInvitation.update({ where: { id: invitation.id }, data: { acceptedBy: realtor.id } });
        await lockMembers(tx, invitation.agencyId);
        const current = await tx.agencyRealtor.findFirst({ where: { agencyId: invitation.agencyId, realtorId: realtor.id, leftAt: null } });
        // An invitation never demotes someone already in the agency.
        const role = current ? higherRole(current.role, invitation.role) : invitation.role;
        const membership = await setMembership(tx, invitation.agencyId, realtor.id, role);
        await writeAuditLog(tx, ctx, {
          action: "agency.invitation_accepted",
          entityType: "agency",
          entityId: invitation.agencyId,
          diff: { invitationId: invitation.id, realtorId: realtor.id, role },
        });
        return membership;
      }),
    invalidToken,
  );
}
