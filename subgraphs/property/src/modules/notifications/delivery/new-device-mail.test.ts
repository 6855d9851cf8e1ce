// A sign-in from a device the account never used before is mailed to its owner (security mail:
// no unsubscribe link); the first sign-in ever and a sign-in from a known device are not.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount } from "@ppt/testing/fixtures";
import type { TestSmtp } from "@ppt/testing/smtp";
import { startMailStack } from "@ppt/testing/mail-stack";
import type { GraphQLResponse, Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../../jobs.ts";

const PASSWORD = "správne-heslo-2024";
let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ smtp, stack, stop } = await startMailStack((config) => startPropertyWorker(config, { port: 0 }), { MANAGEMENT_APP_URL: "https://sprava.example.sk" }));
});
afterAll(() => stop?.());

async function login(email: string, userAgent: string): Promise<GraphQLResponse> {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent, "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.1` },
    body: JSON.stringify({
      query: `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
      variables: { input: { email, password: PASSWORD } },
    }),
  });
  return (await res.json()) as GraphQLResponse;
}

it("mails a sign-in from a new device, and only that", { timeout: 60_000 }, async () => {
  const user = await createAccount(stack.owner.prisma, { password: PASSWORD, firstName: "Ivana" });
  const laptop = `Firefox/${randomUUID()}`;
  expect((await login(user.email, laptop)).errors).toBeUndefined();
  expect((await login(user.email, laptop)).errors).toBeUndefined();
  const phone = `Mobile Safari/${randomUUID()}`;
  expect((await login(user.email, phone)).errors).toBeUndefined();

  const mail = await smtp.waitFor(user.email);
  expect(mail.subject).toBe("Prihlásenie z nového zariadenia");
  expect(mail.text).toContain(phone);
  expect(mail.text).toContain("https://sprava.example.sk/zabezpecenie");
  expect(mail.headers.has("list")).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // The first sign-in and the second from the laptop sent nothing.
  expect(smtp.to(user.email)).toHaveLength(1);
});
