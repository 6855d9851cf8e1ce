// The realtor and agency loaders read in plain SQL (realtorsById, agenciesById): what they give
// is exactly Prisma's model of the same rows, every field set and unset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { agenciesById } from "../agencies/loaders.ts";
import { realtorsById } from "./loaders.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("realtors and agencies by id in plain SQL", () => {
  it("gives each realtor as Prisma's model", async () => {
    const db = stack.owner.prisma;
    const bare = await createRealtor(db, "Ján Holý");
    const full = await db.realtor.create({
      data: {
        displayName: "Eva Plná",
        email: "eva@example.sk",
        phone: "+421900000000",
        bio: "Bývanie v Košiciach.",
        photoKey: "realtors/eva.jpg",
        languages: ["sk", "en"],
        status: "ACTIVE",
        mailOptOutAt: new Date("2026-01-02T03:04:05.678Z"),
      },
    });
    const ids = [bare.id, full.id];
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await realtorsById(db, ids))).toEqual(byId(await db.realtor.findMany({ where: { id: { in: ids } } })));
  });

  it("gives each agency as Prisma's model", async () => {
    const db = stack.owner.prisma;
    const bare = await createAgency(db, "Holá agentúra");
    const full = await createAgency(db, "Plná agentúra");
    await db.agency.update({
      where: { id: full.id },
      data: {
        ico: "12345678",
        email: "info@plna.sk",
        phone: "+421900000001",
        website: "https://plna.sk",
        logoKey: "agencies/plna.png",
        description: "Predaj a prenájom.",
        street: "Hlavná 1",
        postalCode: "04001",
        vatId: "SK1234567890",
        areasServed: ["Košice", "Prešov"],
        verifiedAt: new Date("2026-02-03T04:05:06.789Z"),
        verificationMethod: "DOMAIN_EMAIL",
        domainTokenHash: "a".repeat(64),
        domainTokenExpiresAt: new Date("2026-03-04T05:06:07.891Z"),
        domainEmail: "admin@plna.sk",
      },
    });
    const ids = [bare.id, full.id];
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await agenciesById(db, ids))).toEqual(byId(await db.agency.findMany({ where: { id: { in: ids } } })));
  });
});
