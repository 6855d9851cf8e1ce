// Test data written as the owner (tests build exactly what they need, per test file).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ppt/db/client";

export async function createOrganization(db: PrismaClient, name = "Bytové družstvo Test") {
  const id = randomUUID();
  return db.organization.create({ data: { id, name, slug: `org-${id}`, type: "HOUSING_COOPERATIVE", contactEmail: `info-${id.slice(0, 8)}@example.sk` } });
}

export async function createUser(db: PrismaClient, firstName = "Ján", lastName = "Novák") {
  const id = randomUUID();
  return db.user.create({ data: { id, email: `${id}@example.sk`, firstName, lastName } });
}

export async function createBuilding(db: PrismaClient, organizationId: string, city = "Košice", street = "Hlavná", streetNumber = "1") {
  return db.building.create({ data: { organizationId, street, streetNumber, city, postalCode: "040 01", yearBuilt: 1978, totalFloors: 8, amenities: ["výťah"] } });
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
