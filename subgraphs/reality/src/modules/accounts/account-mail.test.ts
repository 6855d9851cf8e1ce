// Portal accounts' mail end to end, through the gateway and RabbitMQ: the reality subgraph's relay
// publishes the outbox row, the reality worker's consumer sends the mail to an SMTP server started
// here, and the visitor uses the link in it. No test reads the outbox.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkIn, type TestSmtp } from "@ppt/testing/smtp";
import { startMailStack } from "@ppt/testing/mail-stack";
import type { GraphQLResponse, Stack } from "@ppt/testing/stack";
import { startRealityWorker } from "../../jobs.ts";

const PASSWORD = "dlhé-heslo-na-portál-2026";
const REGISTER = `mutation ($input: RegisterPortalUserInput!) { registerPortalUser(input: $input) }`;
const LOGIN = `mutation ($e: EmailAddress!, $p: String!) { portalLogin(email: $e, password: $p) { accessToken user { id email emailVerified } } }`;
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ smtp, stack, stop } = await startMailStack((config) => startRealityWorker(config, { port: 0 }), { PORTAL_APP_URL: "https://reality.example.sk" }));
});
afterAll(() => stop?.());

function client() {
  const ip = `10.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  return (query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse> =>
    stack.query(query, variables, token, { "x-forwarded-for": ip });
}

describe("portal account mail", () => {
  it("register → the verification mail arrives → its link verifies the address → login shows it verified", async () => {
    const q = client();
    const email = `${randomUUID()}@portal.example.sk`;
    expect((await q(REGISTER, { input: { email, password: PASSWORD, displayName: "Lucia Kupujúca" } })).data.registerPortalUser).toBe(true);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Reality Portál: overenie e-mailovej adresy");
    expect(mail.text).toContain("Lucia Kupujúca");
    const { url, token } = linkIn(mail);
    expect(`${url.origin}${url.pathname}`).toBe("https://reality.example.sk/overenie-emailu");
    expect((await q(`mutation ($t: String!) { verifyPortalEmail(token: $t) }`, { t: token })).data.verifyPortalEmail).toBe(true);
    const session = await q(LOGIN, { e: email, p: PASSWORD });
    expect(session.errors).toBeUndefined();
    expect(session.data.portalLogin.user).toMatchObject({ email, emailVerified: true });
    expect(smtp.to(email)).toHaveLength(1);
  });

  it("forgotten password → the reset mail → its token sets a new password", async () => {
    const q = client();
    const email = `${randomUUID()}@portal.example.sk`;
    await q(REGISTER, { input: { email, password: PASSWORD, displayName: "Ján" } });
    await smtp.waitFor(email); // the verification mail
    expect((await q(`mutation ($e: EmailAddress!) { requestPortalPasswordReset(email: $e) }`, { e: email })).data.requestPortalPasswordReset).toBe(true);
    const mail = await smtp.waitFor(email, (m) => m.subject.includes("obnovenie hesla"));
    const { url, token } = linkIn(mail);
    expect(url.pathname).toBe("/obnova-hesla");
    expect(
      (await q(`mutation ($t: String!, $p: String!) { resetPortalPassword(token: $t, newPassword: $p) }`, { t: token, p: "nové-dlhé-heslo-2026" })).errors,
    ).toBeUndefined();
    expect(code(await q(LOGIN, { e: email, p: PASSWORD }))).toBe("UNAUTHENTICATED");
    expect((await q(LOGIN, { e: email, p: "nové-dlhé-heslo-2026" })).data.portalLogin.user.emailVerified).toBe(true);
  });
});
