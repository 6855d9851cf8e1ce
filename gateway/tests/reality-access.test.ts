// Access to the Reality Portal's root fields by portal identities: every field is public, a
// tenant access case (access-matrix), or a portal case here; each portal case is run as nobody,
// as an outsider realtor (another agency's admin) and as PPT staff, and must neither leak A's
// objects nor change a row of the reality schema.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildASTSchema, parse } from "graphql";
import { repoRoot } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalCases, type Expectation, type PortalWorld } from "./access/portal-cases.ts";
import { accessCases, publicFields, selfFields } from "./access/cases.ts";
import { createAgency, createOrganization, createPortalUser, createRealtorAccount, createUser, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let world: PortalWorld;
const tokens: Record<"outsider" | "staff", string> = { outsider: "", staff: "" };

async function fingerprint(): Promise<string> {
  const tables = await stack.owner.prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('reality', 'platform') ORDER BY 1`;
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await stack.owner.prisma.$queryRawUnsafe<{ h: string }[]>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${name} t`,
      );
      return `${name}:${row!.h}`;
    }),
  );
  return parts.join("\n");
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const agencyA = (await createAgency(db, "Agentúra A")).id;
  const owner = await createRealtorAccount(db, "Realitná A");
  await joinAgency(db, agencyA, owner.realtorId, "OWNER");
  const listingA = (await insertListing(db, { realtorId: owner.realtorId, agencyId: agencyA, status: "DRAFT", publishedAt: null, title: "Koncept A" })).id;
  const publishedA = (await insertListing(db, { realtorId: owner.realtorId, agencyId: agencyA, title: "Zverejnený A" })).id;
  const photoA = (
    await db.listingPhoto.create({ data: { listingId: listingA, objectKey: `listing/${listingA}/photo/a`, contentType: "image/jpeg", sizeBytes: 10 } })
  ).id;
  const visitor = await createPortalUser(db);
  const inquiryA = (
    await db.inquiry.create({ data: { listingId: publishedA, portalUserId: visitor.id, name: visitor.name, email: visitor.email, message: "Otázka A" } })
  ).id;
  const viewingA = (
    await db.viewing.create({
      data: { listingId: publishedA, portalUserId: visitor.id, realtorId: owner.realtorId, proposedTimes: [new Date(Date.now() + 86_400_000)] },
    })
  ).id;
  const savedSearchA = (await db.savedSearch.create({ data: { portalUserId: visitor.id, name: "A", filter: { terms: [] } } })).id;
  world = { agencyA, realtorA: owner.realtorId, listingA, publishedA, photoA, inquiryA, viewingA, savedSearchA };

  const outsider = await createRealtorAccount(db, "Cudzí maklér");
  await joinAgency(db, (await createAgency(db, "Agentúra B")).id, outsider.realtorId, "OWNER");
  tokens.outsider = await portalToken(stack, outsider.userId);
  const org = (await createOrganization(db, "Správca bez bytov")).id;
  tokens.staff = await stack.token({ sub: (await createUser(db)).id, org, roles: ["org_admin"], permissions: permissionsOf(["org_admin"]) });
});

afterAll(() => stack?.stop());

describe("reality access", () => {
  it("covers every Reality Portal root field: public, tenant case or portal case", () => {
    const sdl = readFileSync(join(repoRoot, "schema", "reality.graphql"), "utf8");
    const schema = buildASTSchema(parse(sdl.replace(/^extend schema[\s\S]*?\)\n/m, "")), { assumeValidSDL: true });
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
    );
    const covered = new Set([...publicFields, ...selfFields, ...accessCases.map((c) => c.field), ...portalCases.map((c) => c.field)]);
    expect(fields.filter((field) => !covered.has(field) && !field.startsWith("Query._"))).toEqual([]);
  });

  for (const accessCase of portalCases) {
    it(`${accessCase.field}: nobody, an outsider realtor and staff get nothing of A and change nothing`, async () => {
      const variables = accessCase.variables(world);
      const idsOfA = Object.values(world);
      const before = await fingerprint();

      const anonymous = await stack.query(accessCase.document, variables);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

      for (const who of ["outsider", "staff"] as const) {
        const expectation: Expectation = accessCase[who];
        if (expectation === "skip") continue;
        const result = await stack.query(accessCase.document, variables, tokens[who]);
        if (expectation === "own") expect(result.errors, who).toBeUndefined();
        else expect(result.errors?.[0]?.extensions?.code, who).toBe(expectation);
        const leaked = idsOfA.filter((id) => JSON.stringify(result).includes(id) && !JSON.stringify(variables).includes(id));
        expect(leaked, who).toEqual([]);
      }
      expect(await fingerprint()).toBe(before);
    });
  }
});
