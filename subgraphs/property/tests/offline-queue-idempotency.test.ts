// The other mutations the mobile app queues offline — sending a message and submitting a meter
// reading — honour an idempotency key as reportFault does (its own suite is beside the faults
// module): through the gateway on the real stack, a resend with the same key returns the first
// message or reading and stores nothing new; the same key with other content is CONFLICT. The
// keys share the organization's one idempotency store with the finance module's.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let org: string;
let building: string;
let unit: string;
const tokens = {} as Record<"manager" | "owner", string>;
const users = {} as Record<"manager" | "owner", string>;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "Bytové družstvo Offline")).id;
  building = (await createBuilding(db, org, "Trnava", "Hlavná", "4")).id;
  unit = (await createUnit(db, org, building, "3")).id;
  for (const [name, roles] of [
    ["manager", ["manager"]],
    ["owner", ["owner"]],
  ] as const) {
    users[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, users[name]);
    tokens[name] = await stack.tokenFor(users[name], org, [...roles]);
  }
  await addOwnership(db, org, unit, users.owner);
}, 120_000);

afterAll(() => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await stack.query<T>(query, variables, token);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe("the offline queue's other mutations with an idempotency key", () => {
  it("sendMessage: a resend returns the first message; the same key with another text is CONFLICT", async () => {
    const { startConversation } = await ok(
      `mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }`,
      { input: { participantIds: [users.manager] } },
      tokens.owner,
    );
    const SEND = `mutation ($input: SendMessageInput!, $key: String) { sendMessage(input: $input, idempotencyKey: $key) { id body } }`;
    const input = { conversationId: startConversation.id, body: `Kedy príde technik? ${randomUUID()}` };
    const key = randomUUID();
    const first = await ok(SEND, { input, key }, tokens.owner);
    const [again, racing] = await Promise.all([ok(SEND, { input, key }, tokens.owner), ok(SEND, { input, key }, tokens.owner)]);
    expect(again.sendMessage.id).toBe(first.sendMessage.id);
    expect(racing.sendMessage.id).toBe(first.sendMessage.id);
    expect(await stack.owner.prisma.message.count({ where: { body: input.body } })).toBe(1);
    const changed = await stack.query(SEND, { input: { ...input, body: `${input.body} (upravené)` }, key }, tokens.owner);
    expect(changed.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await stack.owner.prisma.message.count({ where: { conversationId: input.conversationId } })).toBe(1);
  });

  it("submitMeterReading: a resend returns the first reading; the same key with another value is CONFLICT", async () => {
    const { createMeter } = await ok(
      `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
      {
        input: {
          buildingId: building,
          unitId: unit,
          kind: "WATER_COLD",
          serialNumber: `SV-${randomUUID().slice(0, 6)}`,
          installedOn: "2024-01-01",
          initialReading: "0",
        },
      },
      tokens.manager,
    );
    await ok(
      `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
      {
        input: {
          buildingId: building,
          kind: "WATER_COLD",
          periodStart: "2026-01-01",
          periodEnd: "2026-12-31",
          opensOn: daysFromNow(-1),
          closesOn: daysFromNow(2),
        },
      },
      tokens.manager,
    );
    const SUBMIT = `mutation ($input: SubmitMeterReadingInput!, $key: String) { submitMeterReading(input: $input, idempotencyKey: $key) { id value } }`;
    const input = { meterId: createMeter.id, value: "12.5", readAt: new Date().toISOString() };
    const key = randomUUID();
    // The meter's initial reading is a row already.
    const before = await stack.owner.prisma.meterReading.count({ where: { meterId: createMeter.id } });
    const first = await ok(SUBMIT, { input, key }, tokens.owner);
    const again = await ok(SUBMIT, { input, key }, tokens.owner);
    expect(again.submitMeterReading.id).toBe(first.submitMeterReading.id);
    expect(await stack.owner.prisma.meterReading.count({ where: { meterId: createMeter.id } })).toBe(before + 1);
    const changed = await stack.query(SUBMIT, { input: { ...input, value: "13.0" }, key }, tokens.owner);
    expect(changed.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await stack.owner.prisma.meterReading.count({ where: { meterId: createMeter.id } })).toBe(before + 1);
    expect(
      await stack.owner.prisma.idempotencyKey.count({
        where: { organizationId: org, operation: { in: ["messages.sendMessage", "meters.submitMeterReading"] } },
      }),
    ).toBe(2);
  });
});
