// The e-mail's unsubscribe link through the gateway, without sign-in: a genuine token turns e-mail
// of its one category off for the person and organization it names; an altered token, a token of
// a category that cannot be muted and a token signed for another purpose are BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUnsubscribeToken, unsubscribeKey } from "@ppt/server-kit";
import { addMemberWithRoles, createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { unsubscribeToken } from "./preferences.ts";

const UNSUBSCRIBE = `mutation ($token: String!) { unsubscribeFromNotifications(token: $token) }`;

let stack: Stack;
let key: Buffer;
let organizationId: string;
let userId: string;

beforeAll(async () => {
  stack = await startStack();
  key = unsubscribeKey(stack.config)!;
  organizationId = (await createOrganization(stack.owner.prisma, "SVB Odhlásenie")).id;
  userId = (await createUser(stack.owner.prisma, "Oto", "Odhlasujúci")).id;
  await addMemberWithRoles(stack.owner.prisma, organizationId, userId, ["owner"]);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const emailPreference = (category: string) =>
  stack.owner.prisma.notificationPreference.findFirst({ where: { organizationId, userId, category, channel: "EMAIL" } });

describe("unsubscribeFromNotifications", () => {
  it("a genuine link turns that category's e-mail off for the person it names, and nothing else", async () => {
    const token = unsubscribeToken(key, { organizationId, userId, category: "voting" });
    const result = await stack.query(UNSUBSCRIBE, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data.unsubscribeFromNotifications).toBe("VOTING");
    expect((await emailPreference("voting"))?.enabled).toBe(false);
    expect(await emailPreference("faults")).toBeNull();
  });

  it("an altered link, a security link and a link signed for another purpose are BAD_USER_INPUT", async () => {
    const genuine = unsubscribeToken(key, { organizationId, userId, category: "faults" });
    const forged = [
      `${genuine}x`,
      unsubscribeToken(key, { organizationId, userId, category: "security" }),
      signUnsubscribeToken(key, "saved-search", [organizationId, userId, "faults"]),
    ];
    for (const token of forged) expect((await stack.query(UNSUBSCRIBE, { token })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await emailPreference("faults")).toBeNull();
  });
});
