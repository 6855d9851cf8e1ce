// The mobile app's offline queue sends each fault report with an idempotency key and may send it
// twice (the answer was lost when the connection dropped, or two resumes raced). Through the
// gateway on the real stack: the same key gives back the first fault and creates no second one,
// even sent concurrently; the same key with another report, or by another person, is CONFLICT
// and writes nothing; keys are per organization.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let orgA: string;
let orgB: string;
let buildingA: string;
let buildingB: string;
let unitA: string;
const tokens = {} as Record<"owner" | "neighbour" | "ownerB", string>;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgA = (await createOrganization(db, "Bytové družstvo Západ")).id;
  orgB = (await createOrganization(db, "Správa Východ")).id;
  buildingA = (await createBuilding(db, orgA, "Nitra", "Štefánikova", "3")).id;
  buildingB = (await createBuilding(db, orgB, "Poprad", "Hlavná", "8")).id;
  unitA = (await createUnit(db, orgA, buildingA, "1")).id;
  const unitA2 = (await createUnit(db, orgA, buildingA, "2")).id;
  const unitB = (await createUnit(db, orgB, buildingB, "1")).id;
  const people: [keyof typeof tokens, string, string][] = [
    ["owner", orgA, unitA],
    ["neighbour", orgA, unitA2],
    ["ownerB", orgB, unitB],
  ];
  for (const [name, org, unit] of people) {
    const user = (await createUser(db, name, "Test")).id;
    await addMember(db, org, user);
    await addOwnership(db, org, unit, user);
    tokens[name] = await stack.tokenFor(user, org, ["owner"]);
  }
}, 120_000);

afterAll(() => stack?.stop());

const REPORT = `mutation ($input: ReportFaultInput!, $key: String) { reportFault(input: $input, idempotencyKey: $key) { id title } }`;

const report = (token: string, input: Record<string, unknown>, key?: string) =>
  stack.query<{ reportFault: { id: string; title: string } }>(REPORT, { input, key }, token);

const faultCount = async (title: string) => stack.owner.prisma.fault.count({ where: { title } });

const leak = { description: "Kvapká zo stropu v kúpeľni", category: "PLUMBING" };

describe("reportFault with an idempotency key", () => {
  it("Replaying a queued offline mutation twice (simulated double send) creates one fault", async () => {
    const input = { ...leak, buildingId: buildingA, unitId: unitA, title: `Zatečenie ${randomUUID()}` };
    const key = randomUUID();
    const first = await report(tokens.owner, input, key);
    const replay = await report(tokens.owner, input, key);
    expect(first.errors).toBeUndefined();
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.reportFault.id).toBe(first.data!.reportFault.id);
    // Sent concurrently, as two resumes of the queue would: still one.
    const racing = await Promise.all([report(tokens.owner, input, key), report(tokens.owner, input, key)]);
    expect(racing.map((r) => r.data?.reportFault.id)).toEqual([first.data!.reportFault.id, first.data!.reportFault.id]);
    expect(await faultCount(input.title)).toBe(1);
    expect(await stack.owner.prisma.faultStatusHistory.count({ where: { faultId: first.data!.reportFault.id } })).toBe(1);
  });

  it("refuses the same key with another report, or from another person, as CONFLICT and writes nothing", async () => {
    const input = { ...leak, buildingId: buildingA, unitId: unitA, title: `Zatečenie ${randomUUID()}` };
    const key = randomUUID();
    expect((await report(tokens.owner, input, key)).errors).toBeUndefined();
    const changed = await report(tokens.owner, { ...input, title: `${input.title} (iný)` }, key);
    expect(changed.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await faultCount(`${input.title} (iný)`)).toBe(0);
    const neighbour = await report(tokens.neighbour, { ...input, unitId: null }, key);
    expect(neighbour.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await faultCount(input.title)).toBe(1);
  });

  it("keeps keys per organization and leaves reports without a key as they were", async () => {
    const key = randomUUID();
    const titleA = `Výťah ${randomUUID()}`;
    const titleB = `Výťah ${randomUUID()}`;
    expect((await report(tokens.owner, { ...leak, buildingId: buildingA, title: titleA }, key)).errors).toBeUndefined();
    expect((await report(tokens.ownerB, { ...leak, buildingId: buildingB, title: titleB }, key)).errors).toBeUndefined();
    expect(await faultCount(titleB)).toBe(1);
    const plain = { ...leak, buildingId: buildingA, title: `Bez kľúča ${randomUUID()}` };
    await report(tokens.owner, plain);
    await report(tokens.owner, plain);
    expect(await faultCount(plain.title)).toBe(2);
  });

  it("refuses an empty key as BAD_USER_INPUT", async () => {
    const input = { ...leak, buildingId: buildingA, title: `Prázdny kľúč ${randomUUID()}` };
    const refused = await report(tokens.owner, input, "  ");
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await faultCount(input.title)).toBe(0);
  });
});
