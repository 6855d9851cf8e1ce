// Test data written as the owner (tests build exactly what they need, per test file).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ppt/db/client";
import { hashPassword, writeOutboxEvents } from "@ppt/server-kit";

export async function createOrganization(db: PrismaClient, name = "Bytové družstvo Test") {
  const id = randomUUID();
  return db.organization.create({ data: { id, name, slug: `org-${id}`, type: "HOUSING_COOPERATIVE", contactEmail: `info-${id.slice(0, 8)}@example.sk` } });
}

export async function createUser(db: PrismaClient, firstName = "Ján", lastName = "Novák") {
  const id = randomUUID();
  return db.user.create({ data: { id, email: `${id}@example.sk`, firstName, lastName } });
}

export async function createBuilding(db: PrismaClient, organizationId: string, city = "Košice", street = "Hlavná", streetNumber = "1") {
  return db.building.create({
    data: { organizationId, street, streetNumber, city, postalCode: "040 01", yearBuilt: 1978, totalFloors: 8, amenities: ["výťah"] },
  });
}

export async function createUnit(db: PrismaClient, organizationId: string, buildingId: string, designation = "1", floor = 1) {
  return db.unit.create({
    data: { organizationId, buildingId, designation, floor, rooms: 3, sizeSqm: "68.40", type: "FLAT", shareNumerator: 684, shareDenominator: 10000 },
  });
}

export async function createAgency(db: PrismaClient, name = "Reality Košice") {
  const id = randomUUID();
  return db.agency.create({ data: { id, name, slug: `agency-${id}`, city: "Košice", status: "ACTIVE" } });
}

export async function createRealtor(db: PrismaClient, displayName = "Mária Kováčová") {
  return db.realtor.create({ data: { displayName, status: "ACTIVE" } });
}

export interface ListingInput {
  realtorId?: string | null;
  agencyId?: string | null;
  organizationId?: string | null;
  unitId?: string | null;
  title?: string;
  city?: string;
  status?: "DRAFT" | "ACTIVE" | "RESERVED" | "SOLD" | "RENTED" | "ARCHIVED";
  price?: string;
  publishedAt?: Date;
}

export async function createListing(db: PrismaClient, input: ListingInput) {
  return db.listing.create({
    data: {
      realtorId: input.realtorId ?? null,
      agencyId: input.agencyId ?? null,
      organizationId: input.organizationId ?? null,
      unitId: input.unitId ?? null,
      propertyType: "APARTMENT",
      transactionType: "SALE",
      title: input.title ?? "3-izbový byt, Košice – Staré Mesto",
      street: "Hlavná",
      city: input.city ?? "Košice",
      price: input.price ?? "149000",
      status: input.status ?? "ACTIVE",
      publishedAt: input.publishedAt ?? new Date(),
    },
  });
}

// Reality Portal accounts: a portal user signs in with a "portal" token (sub = portal user id);
// a realtor is a portal user with a realtor profile.
export async function createPortalUser(db: PrismaClient, name = "Peter Horváth") {
  const id = randomUUID();
  return db.portalUser.create({ data: { id, email: `${id}@portal.example.sk`, name } });
}

export async function createRealtorAccount(db: PrismaClient, displayName = "Mária Kováčová") {
  const user = await createPortalUser(db, displayName);
  const realtor = await db.realtor.create({ data: { displayName, status: "ACTIVE", portalUserId: user.id, email: user.email } });
  return { userId: user.id, realtorId: realtor.id, email: user.email };
}

export async function joinAgency(db: PrismaClient, agencyId: string, realtorId: string, role: "OWNER" | "ADMIN" | "REALTOR" = "REALTOR") {
  return db.agencyRealtor.create({ data: { agencyId, realtorId, role } });
}

// Property people: membership of an organization, and who owns or lives in which unit.
export async function addMember(db: PrismaClient, organizationId: string, userId: string) {
  return db.organizationMember.create({ data: { organizationId, userId, status: "ACTIVE" } });
}

export async function addOwnership(db: PrismaClient, organizationId: string, unitId: string, userId: string, share: [number, number] = [1, 1]) {
  return db.unitOwnership.create({
    data: { organizationId, unitId, userId, shareNumerator: share[0], shareDenominator: share[1], validFrom: new Date("2020-01-01") },
  });
}

export async function addOccupancy(db: PrismaClient, organizationId: string, unitId: string, userId: string) {
  return db.unitOccupancy.create({ data: { organizationId, unitId, userId, kind: "TENANT", validFrom: new Date("2020-01-01") } });
}

export async function createFault(
  db: PrismaClient,
  input: { organizationId: string; buildingId: string; reporterId: string; unitId?: string | null; assigneeId?: string | null; title?: string },
) {
  return db.fault.create({
    data: {
      organizationId: input.organizationId,
      buildingId: input.buildingId,
      unitId: input.unitId ?? null,
      reporterId: input.reporterId,
      assigneeId: input.assigneeId ?? null,
      title: input.title ?? "Kvapkajúci kohútik",
      description: "Voda kvapká celú noc.",
      category: "PLUMBING",
    },
  });
}

// Accounts that sign in for real (login, refresh, MFA): a password, an active membership and
// role grants (the system roles exist once a property subgraph has started).
export async function createAccount(db: PrismaClient, input: { password: string; organizationId?: string; roles?: string[]; firstName?: string }) {
  const id = randomUUID();
  const user = await db.user.create({
    data: {
      id,
      email: `${id}@example.sk`,
      firstName: input.firstName ?? "Eva",
      lastName: "Prihlásená",
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: new Date(),
    },
  });
  if (input.organizationId) await addMemberWithRoles(db, input.organizationId, user.id, input.roles ?? ["manager"]);
  return user;
}

export async function addMemberWithRoles(db: PrismaClient, organizationId: string, userId: string, roles: string[]) {
  const membership = await db.organizationMember.upsert({
    where: { userId_organizationId: { userId, organizationId } },
    create: { organizationId, userId, status: "ACTIVE" },
    update: { status: "ACTIVE", leftAt: null },
  });
  const roleRows = await db.role.findMany({ where: { organizationId: null, key: { in: roles } } });
  await db.userRole.createMany({ data: roleRows.map((role) => ({ organizationId, userId, roleId: role.id })), skipDuplicates: true });
  return membership;
}

// Voting: ownership changes over time and powers of attorney, as the owner writes them.
/** The unit changes hands on `day` (YYYY-MM-DD): the seller's ownership ends the day before, the buyer's starts that day. */
export async function transferOwnership(db: PrismaClient, organizationId: string, unitId: string, fromUserId: string, toUserId: string, day: string) {
  const start = new Date(`${day}T00:00:00Z`);
  const dayBefore = new Date(start.getTime() - 86_400_000);
  await db.unitOwnership.updateMany({ where: { unitId, userId: fromUserId, validTo: null }, data: { validTo: dayBefore } });
  return db.unitOwnership.create({ data: { organizationId, unitId, userId: toUserId, shareNumerator: 1, shareDenominator: 1, validFrom: start } });
}

export async function addVotingDelegation(db: PrismaClient, organizationId: string, fromUserId: string, toUserId: string, unitId: string | null = null) {
  return db.delegation.create({ data: { organizationId, fromUserId, toUserId, unitId, scope: "VOTING", validFrom: new Date(Date.now() - 60_000) } });
}

/** A unit with a given share of the common parts (share-weighted votes). */
export async function createUnitWithShare(db: PrismaClient, organizationId: string, buildingId: string, designation: string, share: [number, number]) {
  return db.unit.create({ data: { organizationId, buildingId, designation, floor: 1, type: "FLAT", shareNumerator: share[0], shareDenominator: share[1] } });
}

/** A building whose units each have one owner who is a member: for votes. */
export async function createOwnedBuilding(db: PrismaClient, organizationId: string, unitCount: number, shares?: [number, number][]) {
  const building = await createBuilding(db, organizationId, "Košice", "Hlasovacia", String(unitCount));
  const units = [];
  for (let i = 0; i < unitCount; i++) {
    const owner = await createUser(db, `Vlastník${i + 1}`, "Bytu");
    await addMember(db, organizationId, owner.id);
    const unit = shares
      ? await createUnitWithShare(db, organizationId, building.id, String(i + 1), shares[i]!)
      : await createUnit(db, organizationId, building.id, String(i + 1));
    await addOwnership(db, organizationId, unit.id, owner.id);
    units.push({ unitId: unit.id, ownerId: owner.id });
  }
  return { buildingId: building.id, units };
}

/**
 * `count` accounts and, committed in one transaction as the auth module would, a password-reset
 * event for each: mail for the workers to send. `writer` must be the property subgraph's role (its
 * outbox relay publishes only the rows that role wrote).
 */
export async function passwordResetEvents(owner: PrismaClient, writer: PrismaClient, count: number, tag: string): Promise<{ id: string; email: string }[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `${tag}-${i}-${randomUUID().slice(0, 8)}@example.sk`,
    firstName: "Adresát",
    lastName: `${i}`,
    passwordHash: "-",
  }));
  await owner.user.createMany({ data: users });
  await writer.$transaction((tx) =>
    writeOutboxEvents(
      tx,
      users.map((user) => ({
        aggregateType: "user",
        aggregateId: user.id,
        eventType: "user.password_reset_requested",
        payload: { userId: user.id, token: randomUUID() },
      })),
    ),
  );
  return users.map(({ id, email }) => ({ id, email }));
}
