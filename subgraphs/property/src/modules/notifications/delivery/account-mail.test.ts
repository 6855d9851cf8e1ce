// Management accounts' mail end to end, through the gateway and RabbitMQ: the subgraph writes the
// outbox row, its relay publishes it to the broker, the property worker's consumer sends the mail
// to an SMTP server started here, and the link in the mail is what the person uses next. No test
// reads the outbox.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@ppt/testing/fixtures";
import { linkIn, type TestSmtp } from "@ppt/testing/smtp";
import { startMailStack } from "@ppt/testing/mail-stack";
import type { GraphQLResponse, Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../../jobs.ts";

const PASSWORD = "správne-heslo-2024";
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id email } organization { id } } }`;
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ smtp, stack, stop } = await startMailStack((config) => startPropertyWorker(config, { port: 0 }), { MANAGEMENT_APP_URL: "https://sprava.example.sk" }));
});
afterAll(() => stop?.());

/** Each test from its own client address, so per-address limits of one never touch another. */
function client() {
  const ip = `10.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  return (query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse> =>
    stack.query(query, variables, token, { "x-forwarded-for": ip });
}

describe("management account mail", () => {
  it("register → the verification mail arrives → its link verifies the address → login succeeds", async () => {
    const q = client();
    const email = `${randomUUID()}@example.sk`;
    expect((await q(REGISTER, { input: { email, password: PASSWORD, firstName: "Jana", lastName: "Nová", language: "en" } })).data.register).toBe(true);
    expect(code(await q(LOGIN, { input: { email, password: PASSWORD } }))).toBe("FORBIDDEN");

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Verify your e-mail address"); // the language the account chose
    expect(mail.html).toContain("Jana");
    const { url, token } = linkIn(mail);
    expect(`${url.origin}${url.pathname}`).toBe("https://sprava.example.sk/overenie-emailu");
    expect(mail.headers.has("list-unsubscribe")).toBe(false); // security mail

    expect((await q(`mutation ($t: String!) { verifyEmail(token: $t) }`, { t: token })).data.verifyEmail).toBe(true);
    const session = await q(LOGIN, { input: { email, password: PASSWORD } });
    expect(session.errors).toBeUndefined();
    expect(session.data.login.user.email).toBe(email);
    // One event, one mail (the worker's delivery row), however long we wait.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it("forgotten password → the reset mail (in Slovak by default) → its token sets a new password", async () => {
    const q = client();
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, firstName: "Peter" });
    expect((await q(`mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`, { e: user.email })).data.requestPasswordReset).toBe(true);
    const mail = await smtp.waitFor(user.email);
    expect(mail.subject).toBe("Obnovenie hesla");
    const { url, token } = linkIn(mail);
    expect(url.pathname).toBe("/obnova-hesla");
    const reset = await q(`mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`, { t: token, p: "celkom-nové-heslo-2025" });
    expect(reset.errors).toBeUndefined();
    expect(code(await q(LOGIN, { input: { email: user.email, password: PASSWORD } }))).toBe("UNAUTHENTICATED");
    expect((await q(LOGIN, { input: { email: user.email, password: "celkom-nové-heslo-2025" } })).errors).toBeUndefined();
  });

  it("invitation → the invitee registers from the mail's link and lands in the organization", async () => {
    const q = client();
    const founder = await createAccount(stack.owner.prisma, { password: PASSWORD });
    const founderSession = (await q(LOGIN, { input: { email: founder.email, password: PASSWORD } })).data.login;
    const created = await q(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: "SVB Hlavná 12", type: "HOUSING_COOPERATIVE", contactEmail: "info@hlavna12.sk" } },
      founderSession.accessToken,
    );
    expect(created.errors).toBeUndefined();
    const org = created.data.createOrganization.id as string;
    const admin = (await q(`mutation ($id: ID!) { switchOrganization(id: $id) { accessToken } }`, { id: org }, founderSession.accessToken)).data
      .switchOrganization.accessToken as string;

    const invitee = `${randomUUID()}@example.sk`;
    const invited = await q(`mutation ($e: EmailAddress!) { inviteMember(email: $e, role: "manager") { id } }`, { e: invitee }, admin);
    expect(invited.errors).toBeUndefined();
    const mail = await smtp.waitFor(invitee);
    expect(mail.subject).toBe("Pozvánka do organizácie SVB Hlavná 12");
    const { url, token } = linkIn(mail);
    expect(url.pathname).toBe("/pozvanka");

    const accepted = await q(`mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`, {
      input: { token, firstName: "Marek", lastName: "Správca", password: PASSWORD },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptInvitation.id).toBe(org);
    const session = await q(LOGIN, { input: { email: invitee, password: PASSWORD } });
    expect(session.errors).toBeUndefined();
    expect(session.data.login.organization?.id).toBe(org);
  });

  it("a permanent refusal (550) is not retried and disables the address; later mail to it is not sent", async () => {
    const q = client();
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD });
    smtp.refuse(user.email, "permanent");
    await q(`mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`, { e: user.email });
    const deadline = Date.now() + 10_000;
    while (smtp.attempts(user.email) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smtp.attempts(user.email)).toBe(1);
    // Broker retries would come after 1 s, 5 s…: none comes.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(smtp.attempts(user.email)).toBe(1);

    // A second reset: the disabled address gets nothing (not even an SMTP attempt).
    await q(`mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`, { e: user.email });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.attempts(user.email)).toBe(1);
  });

  it("a temporary refusal (451) is retried with back-off until the mail is accepted", async () => {
    const q = client();
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD });
    smtp.refuse(user.email, "temporary");
    await q(`mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`, { e: user.email });
    const deadline = Date.now() + 10_000;
    while (smtp.attempts(user.email) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smtp.to(user.email)).toHaveLength(0);
    smtp.accept(user.email);
    const mail = await smtp.waitFor(user.email, undefined, 10_000); // the first retry comes after 1 s
    expect(mail.subject).toBe("Obnovenie hesla");
    expect(smtp.attempts(user.email)).toBeGreaterThanOrEqual(2);
  });
});
