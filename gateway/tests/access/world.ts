// The world the access matrix runs in: organization A with one object of every kind a case
// needs, organization B with its own staff. Cases read A's ids from here.
import type { PrismaClient } from "@ppt/db/client";
import { addMember, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { createFinancialWorld, type FinancialWorld } from "./financial-world.ts";
import { createMetersWorld, type MetersWorld } from "./meters-world.ts";
import { createPeopleWorld, type PeopleWorld } from "./people-world.ts";
import { createPropertyCoreWorld, type PropertyCoreWorld } from "./property-core-world.ts";
import { createRentalsWorld, type RentalsWorld } from "./rentals-world.ts";

export interface World extends PropertyCoreWorld, PeopleWorld, MetersWorld, FinancialWorld, RentalsWorld {
  orgA: string;
  orgB: string;
  userA: string;
  userB: string;
  buildingA: string;
  unitA: string;
}

export async function createWorld(db: PrismaClient): Promise<World> {
  const orgA = (await createOrganization(db, "Bytové družstvo A")).id;
  const orgB = (await createOrganization(db, "Správa B")).id;
  const userA = (await createUser(db, "Anna", "Adamová")).id;
  const userB = (await createUser(db, "Boris", "Bartoš")).id;
  const buildingA = (await createBuilding(db, orgA)).id;
  const unitA = (await createUnit(db, orgA, buildingA)).id;
  const propertyCore = await createPropertyCoreWorld(db, { orgA, userA, buildingA, unitA });
  const people = await createPeopleWorld(db, { orgA, userA, buildingA, unitA });
  const meters = await createMetersWorld(db, { orgA, userA, buildingA, unitA });
  const financial = await createFinancialWorld(db, { orgA, buildingA, unitA });
  const rentals = await createRentalsWorld(db, { orgA, unitA });
  // B's staff is a member of B (tokens of non-members are refused), made before any fingerprint.
  await addMember(db, orgB, userB);
  return { orgA, orgB, userA, userB, buildingA, unitA, ...propertyCore, ...people, ...meters, ...financial, ...rentals };
}
