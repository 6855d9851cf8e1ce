// What other modules may do to accounts and sessions (auth owns identity.users and
// identity.sessions): look up an address, open an account, end the sessions acting in an organization.
import { AppError, type Permission, type Tx } from "@ppt/server-kit";

export async function emailOfUser(tx: Tx, userId: string): Promise<string | null> {
  return (await tx.user.findUnique({ where: { id: userId }, select: { email: true } }))?.email ?? null;
}

export interface NewAccount {
  email: string;
  passwordHash: string | null;
  firstName: string;
  lastName: string;
}

/**
 * An active account whose address is already proven (an invitation reached it). An address that
 * has an account must sign in instead: refused with UNAUTHENTICATED.
 */
export async function createVerifiedUser(tx: Tx, account: NewAccount, now = new Date()): Promise<{ id: string }> {
  if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) throw AppError.unauthenticated("Sign in to accept this invitation");
  return tx.user.create({
    data: {
      email: account.email,
      passwordHash: account.passwordHash,
      firstName: account.firstName,
      lastName: account.lastName,
      status: "ACTIVE",
      emailVerifiedAt: now,
      passwordChangedAt: now,
    },
    select: { id: true },
  });
}

/** Ends the person's sessions acting in this organization (their tokens are refused at the next request). */
export async function revokeSessionsIn(tx: Tx, userId: string, organizationId: string, reason: string, now = new Date()): Promise<void> {
  await tx.session.updateMany({ where: { userId, organizationId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
}

/**
 * What auth asks the organizations module when it issues tokens. Auth cannot import that module
 * (organizations uses auth's account services), so the composition root hands it over.
 */
// Function properties, not methods: the directory is a set of plain functions, safe to destructure.
export interface MembershipDirectory {
  /** The role keys of an ACTIVE membership of an ACTIVE organization, else null (no tokens for it). */
  membershipRoles: (tx: Tx, userId: string, organizationId: string) => Promise<string[] | null>;
  /** A person's active memberships, earliest first. */
  activeMembershipsOf: (tx: Tx, userId: string) => Promise<{ organizationId: string; roles: string[] }[]>;
  /** The permissions a token carries for these role keys (the organizations module's role table). */
  permissionsOf: (roles: readonly string[]) => Permission[];
  /** Whether the organization exists and is active. */
  isOrganizationActive: (tx: Tx, organizationId: string) => Promise<boolean>;
}
