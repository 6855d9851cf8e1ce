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

export interface UserContact {
  id: string;
  email: string;
  firstName: string;
  language: string;
  phone: string | null;
}

/** Where the notification worker reaches each of these people (one query). */
export async function contactsOfUsers(db: PrismaClient | Tx, userIds: readonly string[]): Promise<Map<string, UserContact>> {
  const rows = await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, email: true, firstName: true, language: true, phone: true } });
  return new Map(rows.map((row) => [row.id, row]));
}
