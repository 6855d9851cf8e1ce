// A realtor links their portal account to their realtor profile (the realtors module's rule, see
// its linkRealtorProfile): this account's address, and whether it is proven, decide.
import type { Realtor } from "@ppt/db/client";
import { AppError, isUuid } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { linkRealtorProfile as linkProfile } from "../realtors/index.ts";

export async function linkRealtorProfile(ctx: RealityContext, realtorId: string): Promise<Realtor> {
  const portalUserId = requirePortalUser(ctx);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    const user = await tx.portalUser.findUniqueOrThrow({ where: { id: portalUserId } });
    return linkProfile(tx, { portalUserId, email: user.email, emailVerified: user.emailVerifiedAt !== null }, realtorId);
  });
}
