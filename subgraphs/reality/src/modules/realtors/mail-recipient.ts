// Who a realtor's notification mail goes to (the profile's address, else the linked portal
// account's), in which language, and the opt-out its unsubscribe link sets.
import type { PrismaClient } from "@ppt/db/client";
import { AppError, emailLanguage, type EmailLanguage } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { unsubscribeSubject } from "../../shared/unsubscribe-link.ts";

export interface RealtorMailRecipient {
  realtorId: string;
  email: string;
  name: string;
  language: EmailLanguage;
}

/** The realtor's portal account, looked up by the caller (the accounts module depends on this one). */
export type PortalAccountLookup = (portalUserId: string) => Promise<{ email: string; language: string } | null>;

/** null: no such realtor, no address, or mail switched off. */
export async function realtorMailRecipient(
  db: PrismaClient,
  realtorId: string | null | undefined,
  accountOf: PortalAccountLookup,
): Promise<RealtorMailRecipient | null> {
  if (!realtorId) return null;
  const realtor = await db.realtor.findUnique({ where: { id: realtorId } });
  if (!realtor || realtor.mailOptOutAt || realtor.status === "SUSPENDED") return null;
  const account = realtor.portalUserId ? await accountOf(realtor.portalUserId) : null;
  const email = realtor.email ?? account?.email;
  if (!email) return null;
  return { realtorId: realtor.id, email, name: realtor.displayName, language: emailLanguage(account?.language ?? realtor.languages[0]) };
}

/** The unsubscribe link of a realtor's notification mail: switches that mail off, without sign-in. */
export async function unsubscribeRealtorMail(ctx: RealityContext, token: string): Promise<boolean> {
  const id = unsubscribeSubject(ctx.unsubscribeKey, "realtor-mail", token);
  if (!id) throw AppError.badInput("The unsubscribe link is not valid", { field: "token" });
  await ctx.db.realtor.updateMany({ where: { id, mailOptOutAt: null }, data: { mailOptOutAt: new Date() } });
  return true;
}
