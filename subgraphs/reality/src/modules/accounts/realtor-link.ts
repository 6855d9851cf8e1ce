// A realtor links their portal account to their realtor profile (profiles come from agencies'
// feeds, the seed or staff, without an account). The rule: the profile has no account yet and its
// email is this account's address, proven (verified by email link or by a sign-in provider).
// Owning the address the agency listed for the realtor is what makes the claim theirs; an account
// links one profile at most. Anything else answers NOT_FOUND, so profiles cannot be probed.
import type { Realtor } from "@ppt/db/client";
import { AppError, isUuid } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";

export async function linkRealtorProfile(ctx: RealityContext, realtorId: string): Promise<Realtor> {
  const portalUserId = requirePortalUser(ctx);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    const user = await tx.portalUser.findUniqueOrThrow({ where: { id: portalUserId } });
    const profile = await tx.realtor.findFirst({ where: { id: realtorId, portalUserId: null, email: { equals: user.email, mode: "insensitive" } } });
    if (!profile) throw AppError.notFound("Realtor");
    if (!user.emailVerifiedAt) throw AppError.forbidden("Verify your email address first");
    if (await tx.realtor.findUnique({ where: { portalUserId }, select: { id: true } })) throw AppError.conflict("This account already has a realtor profile");
    // Of two accounts claiming one profile at once, exactly one wins.
    const linked = await tx.realtor.updateMany({ where: { id: profile.id, portalUserId: null }, data: { portalUserId } });
    if (linked.count !== 1) throw AppError.notFound("Realtor");
    return tx.realtor.findUniqueOrThrow({ where: { id: profile.id } });
  });
}
