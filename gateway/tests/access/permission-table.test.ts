// The permission table, run: for every organization role and every API-client scope, what the
// caller reads (how many of the organization's objects each list answers, or FORBIDDEN) and
// which writes it may attempt (a missing id answers NOT_FOUND to whoever holds the write
// permission, FORBIDDEN to everyone else). `reach` below is the documented table: organization-
// wide ("all") or resident-scoped ("own") per kind; the test also checks it agrees with the role
// table the tokens are made from, so neither can drift alone.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizationRoleKeys, permissionsOf, type RoleKey } from "@ppt/property/organizations";
import type { Permission, ReadKind as KitReadKind } from "@ppt/server-kit";

/** The kinds this table reads through their lists (meters and financial have their own access cases). */
type ReadKind = Exclude<KitReadKind, "meters" | "financial">;
import { addMember, addOccupancy, addOwnership, createBuilding, createFault, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

type Reach = "all" | "own";
const kinds: ReadKind[] = ["buildings", "faults", "votes", "announcements", "documents"];

/** What each role reads: org-wide, resident-scoped, or (absent) nothing — then FORBIDDEN. */
const reach: Record<Exclude<RoleKey, "super_admin">, Partial<Record<ReadKind, Reach>>> = {
  org_admin: { buildings: "all", faults: "all", votes: "all", announcements: "all", documents: "all" },
  manager: { buildings: "all", faults: "all", votes: "all", announcements: "all", documents: "all" },
  contractor: { buildings: "own", faults: "own" },
  owner: { buildings: "own", faults: "own", votes: "own", announcements: "own", documents: "own" },
  tenant: { buildings: "own", faults: "own", votes: "own", announcements: "own", documents: "own" },
  guest: { announcements: "own" },
};

/** API-client scopes: a partner reads the whole organization for every read scope it holds. */
const clientScopes: Permission[][] = [...kinds.map((k) => [`${k}:read` as Permission]), ["buildings:read", "faults:read", "votes:read"]];

const listOf: Record<ReadKind, string> = {
  buildings: `{ buildings(first: 100) { totalCount edges { node { id } } } }`,
  faults: `{ faults(first: 100) { totalCount edges { node { id } } } }`,
  votes: `{ votes(first: 100) { totalCount edges { node { id } } } }`,
  announcements: `{ announcements(first: 100) { totalCount edges { node { id } } } }`,
  documents: `{ documents(first: 100) { totalCount edges { node { id } } } }`,
};

/** One write per write permission, on an id nobody has: the permission decides FORBIDDEN before the lookup. */
const writes: { permission: Permission; document: string }[] = [
  { permission: "buildings:write", document: `mutation ($id: ID!) { updateBuilding(id: $id, input: { name: "X" }) { id } }` },
  { permission: "faults:assign", document: `mutation ($id: ID!) { assignFault(id: $id, assigneeId: null) { id } }` },
  { permission: "votes:write", document: `mutation ($id: ID!) { publishVote(id: $id) { id } }` },
  { permission: "announcements:write", document: `mutation ($id: ID!) { publishAnnouncement(id: $id) { id } }` },
  { permission: "documents:write", document: `mutation ($id: ID!) { restoreDocument(id: $id) { id } }` },
  { permission: "financial:write", document: `mutation ($id: ID!) { endAdvancePaymentRule(id: $id, validTo: "2025-01-01") { id } }` },
];

let stack: Stack;
let orgId: string;
/** The person each role is tried as: staff, a resident of building 1 / unit 1, a contractor, a guest. */
const people: Record<string, string> = {};
/** The organization's objects, and the ones a resident of building 1 sees. */
const all: Record<ReadKind, number> = { buildings: 2, faults: 2, votes: 2, announcements: 2, documents: 2 };
const residentSees: Record<ReadKind, number> = { buildings: 1, faults: 1, votes: 1, announcements: 1, documents: 1 };
/** A person who lives nowhere still sees what is addressed to the whole organization. */
const nobodySees: Record<ReadKind, number> = { buildings: 0, faults: 0, votes: 0, announcements: 1, documents: 0 };

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgId = (await createOrganization(db, "Spoločenstvo Tabuľka")).id;
  const [staff, resident, contractor, guest] = await Promise.all(["Sára", "Rudolf", "Cyril", "Gejza"].map((n) => createUser(db, n, "Test")));
  Object.assign(people, { staff: staff!.id, resident: resident!.id, contractor: contractor!.id, guest: guest!.id });
  for (const id of Object.values(people)) await addMember(db, orgId, id);
  const b1 = (await createBuilding(db, orgId, "Košice", "Hlavná", "1")).id;
  const b2 = (await createBuilding(db, orgId, "Košice", "Mlynská", "2")).id;
  const u1 = (await createUnit(db, orgId, b1)).id;
  const u2 = (await createUnit(db, orgId, b2)).id;
  await addOwnership(db, orgId, u1, people.resident!);
  await addOccupancy(db, orgId, u1, people.resident!);
  await createFault(db, { organizationId: orgId, buildingId: b1, reporterId: people.staff! });
  await createFault(db, { organizationId: orgId, buildingId: b2, unitId: u2, reporterId: people.staff! });
  for (const buildingId of [b1, b2]) {
    await db.vote.create({
      data: {
        organizationId: orgId,
        buildingId,
        title: "Výmena okien",
        status: "PUBLISHED",
        createdById: people.staff!,
        publishedAt: new Date(),
        eligibilityFrozenAt: new Date(),
        endsAt: new Date(Date.now() + 86_400_000),
        options: { create: ["Áno", "Nie"].map((label, position) => ({ organizationId: orgId, label, position })) },
      },
    });
  }
  const published = { status: "PUBLISHED" as const, publishedAt: new Date(), authorId: people.staff!, organizationId: orgId, body: "Text" };
  await db.announcement.create({ data: { ...published, title: "Všetkým" } });
  await db.announcement.create({ data: { ...published, title: "Mlynská 2", buildingId: b2 } });
  const folderId = (await db.documentFolder.create({ data: { organizationId: orgId, name: "Zápisnice", createdById: people.staff! } })).id;
  for (const buildingId of [b1, b2]) {
    const document = await db.document.create({ data: { organizationId: orgId, folderId, title: "Zápisnica", createdById: people.staff! } });
    await db.documentShare.create({ data: { organizationId: orgId, documentId: document.id, buildingId } });
  }
});
afterAll(() => stack?.stop());

const personOf = (role: RoleKey) =>
  role === "owner" || role === "tenant" ? "resident" : role === "contractor" ? "contractor" : role === "guest" ? "guest" : "staff";

async function clientToken(scopes: Permission[]): Promise<string> {
  const client = await stack.owner.prisma.apiClient.create({
    data: { organizationId: orgId, name: scopes.join(" "), clientId: `ppt_${randomUUID()}`, secretHash: "x", permissions: scopes },
  });
  return stack.token({ sub: client.id, org: orgId, roles: [], permissions: scopes, client_id: client.clientId });
}

/** What the API answers: a count per kind, or the error code. */
async function reads(token: string): Promise<Record<ReadKind, number | string>> {
  // One at a time: the table is about answers, not about load.
  const answers: Partial<Record<ReadKind, number | string>> = {};
  for (const kind of kinds) {
    const result = await stack.query(listOf[kind], {}, token);
    const code = result.errors?.[0]?.extensions?.code as string | undefined;
    answers[kind] = code ?? (result.data[kind] as { totalCount: number }).totalCount;
  }
  return answers as Record<ReadKind, number | string>;
}

async function writesOf(token: string): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const { permission, document } of writes) {
    const result = await stack.query(document, { id: randomUUID() }, token);
    answers[permission] = String(result.errors?.[0]?.extensions?.code);
  }
  return answers;
}

describe("permission table", () => {
  it("the documented reach agrees with the role table: a role reads a kind exactly when it holds <kind>:read", () => {
    for (const role of organizationRoleKeys) {
      const held = permissionsOf([role]);
      expect(Object.keys(reach[role]).sort(), role).toEqual(kinds.filter((k) => held.includes(`${k}:read`)).sort());
    }
  });

  for (const role of organizationRoleKeys) {
    it(`role ${role}: reads and writes as the table says`, async () => {
      const person = personOf(role);
      const token = await stack.tokenFor(people[person]!, orgId, [role]);
      const seen = person === "resident" ? residentSees : nobodySees;
      const expected = Object.fromEntries(
        kinds.map((k) => [k, reach[role][k] === "all" ? all[k] : reach[role][k] === "own" ? (person === "staff" ? all[k] : seen[k]) : "FORBIDDEN"]),
      );
      expect(await reads(token)).toEqual(expected);
      const held = permissionsOf([role]);
      expect(await writesOf(token)).toEqual(Object.fromEntries(writes.map((w) => [w.permission, held.includes(w.permission) ? "NOT_FOUND" : "FORBIDDEN"])));
    });
  }

  for (const scopes of clientScopes) {
    it(`API client with ${scopes.join(", ")}: reads the whole organization for its read scopes, FORBIDDEN for the rest, writes nothing`, async () => {
      const token = await clientToken(scopes);
      expect(await reads(token)).toEqual(Object.fromEntries(kinds.map((k) => [k, scopes.includes(`${k}:read`) ? all[k] : "FORBIDDEN"])));
      expect(await writesOf(token)).toEqual(Object.fromEntries(writes.map((w) => [w.permission, "FORBIDDEN"])));
    });
  }

  it("API client with write scopes: may write what it was granted", async () => {
    const scopes: Permission[] = ["buildings:read", "buildings:write", "votes:read", "votes:write"];
    const token = await clientToken(scopes);
    expect(await writesOf(token)).toEqual(Object.fromEntries(writes.map((w) => [w.permission, scopes.includes(w.permission) ? "NOT_FOUND" : "FORBIDDEN"])));
  });
});
