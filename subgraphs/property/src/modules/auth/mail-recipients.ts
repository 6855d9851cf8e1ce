// Who a mail goes to, for the notifications worker: an account's address, first name and language,
// and the language of whoever already holds an address (an invitation to an existing account).
import type { PrismaClient, Tx } from "@ppt/server-kit";

export interface MailRecipient {
  email: string;
  firstName: string;
  language: string;
}

export async function mailRecipientOfUser(db: PrismaClient | Tx, userId: string): Promise<MailRecipient | null> {
  return db.user.findUnique({ where: { id: userId }, select: { email: true, firstName: true, language: true } });
}

export async function languageOfAddress(db: PrismaClient | Tx, email: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { email }, select: { language: true } }))?.language ?? null;
}
