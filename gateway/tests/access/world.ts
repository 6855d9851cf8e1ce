// The world the access matrix runs in: organization A with one object of every kind a case
// needs, organization B with its own staff. Cases read A's ids from here.
import type { PrismaClient } from "@ppt/db/client";
import { createBuilding, createOrganization, createUnit, createUser } from "../support/fixtures.ts";

export interface World {
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
  return { orgA, orgB, userA, userB, buildingA, unitA };
}
