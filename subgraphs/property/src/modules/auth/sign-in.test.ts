// Identity and access control through the gateway: accounts, sessions with refresh-token
// rotation, forged tokens, TOTP, brute-force limits shared by two property processes over Redis,
// partner clients and their quota, organizations, memberships, roles and delegations.
import { createHash, randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeDelegation } from "../organizations/index.ts";
import { type Caller } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { addMemberWithRoles, addOwnership, createAccount, createBuilding, createOrganization, createUnit } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

const PASSWORD = "správne-heslo-2024";

let stack: Stack;

beforeAll(async () => {
  // Real Redis and a second property process (with its own gateway): limits must hold across both.
  stack = await startStack({ redis: true, replicas: true });
});
afterAll(() => stack?.stop());

/** Every test signs in from its own address, so the per-address counters of one test never touch another's. */
function client(gatewayUrl = stack.gateway.url, ip = `10.${rand()}.${rand()}.${rand()}`) {
  return async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> => {
    const res = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
}
const rand = () => Math.floor(Math.random() * 250) + 1;
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt mfaRequired mfaToken user { id email mfaEnabled } organization { id } } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken organization { id } } }`;
const ME = `{ me { id email emailVerified mfaEnabled memberships { organization { id } roles } } }`;

async function login(q: ReturnType<typeof client>, email: string, password = PASSWORD, organizationId?: string) {
  const result = await q(LOGIN, { input: { email, password, ...(organizationId ? { organizationId } : {}) } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.login as {
    accessToken: string;
    refreshToken: string;
    mfaRequired: boolean;
    mfaToken: string | null;
    organization: { id: string } | null;
    user: { id: string };
  };
}

/** The raw one-time token the notifications worker would email (it travels only in the outbox). */
async function outboxToken(eventType: string, userId: string): Promise<string> {
  const event = await stack.owner.prisma.outboxEvent.findFirst({
    where: { eventType, payload: { path: ["userId"], equals: userId } },
    orderBy: { createdAt: "desc" },
  });
  expect(event, `${eventType} for ${userId}`).toBeTruthy();
  return (event!.payload as { token: string }).token;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("accounts", () => {
  it("registers, verifies the address with the emailed token once, and signs in", async () => {
    const q = client();
    const email = `${randomUUID()}@example.sk`;
    const register = `mutation ($input: RegisterInput!) { register(input: $input) }`;
    const weak = await q(register, { input: { email, password: "short", firstName: "Jana", lastName: "Nová" } });
    expect(code(weak)).toBe("BAD_USER_INPUT");
    expect((await q(register, { input: { email, password: PASSWORD, firstName: "Jana", lastName: "Nová" } })).data.register).toBe(true);
    // The same answer for an address that already has an account, and no second account.
    expect((await q(register, { input: { email: email.toUpperCase(), password: PASSWORD, firstName: "X", lastName: "Y" } })).data.register).toBe(true);
    const users = await stack.owner.prisma.user.findMany({ where: { email } });
    expect(users).toHaveLength(1);
    expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    expect(code(await q(LOGIN, { input: { email, password: PASSWORD } }))).toBe("FORBIDDEN");
    const token = await outboxToken("user.email_verification_requested", users[0]!.id);
    // Stored only as a digest.
    expect(await stack.owner.prisma.oneTimeToken.count({ where: { tokenHash: sha256(token) } })).toBe(1);
    expect(await stack.owner.prisma.oneTimeToken.count({ where: { tokenHash: token } })).toBe(0);
    const verify = `mutation ($t: String!) { verifyEmail(token: $t) }`;
    expect((await q(verify, { t: token })).data.verifyEmail).toBe(true);
    expect(code(await q(verify, { t: token }))).toBe("BAD_USER_INPUT");

    const session = await login(q, email);
    expect(session.organization).toBeNull();
    const me = await q(ME, {}, session.accessToken);
    expect(me.data.me).toMatchObject({ email, emailVerified: true, mfaEnabled: false, memberships: [] });
  });

  it("refuses an expired verification token", async () => {
    const q = client();
    const email = `${randomUUID()}@example.sk`;
    await q(`mutation ($input: RegisterInput!) { register(input: $input) }`, { input: { email, password: PASSWORD, firstName: "Jana", lastName: "Nová" } });
    const user = await stack.owner.prisma.user.findUniqueOrThrow({ where: { email } });
    const token = await outboxToken("user.email_verification_requested", user.id);
    await stack.owner.prisma.oneTimeToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(code(await q(`mutation ($t: String!) { verifyEmail(token: $t) }`, { t: token }))).toBe("BAD_USER_INPUT");
  });

  it("resets a password with the emailed token once; old sessions and tokens die; unknown addresses get the same answer", async () => {
    const q = client();
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const before = await login(q, user.email);

    const request = `mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`;
    expect(await q(request, { e: `${randomUUID()}@example.sk` })).toEqual({ data: { requestPasswordReset: true } });
    expect(await q(request, { e: user.email })).toEqual({ data: { requestPasswordReset: true } });
    const token = await outboxToken("user.password_reset_requested", user.id);

    const reset = `mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`;
    expect(code(await q(reset, { t: token, p: "short" }))).toBe("BAD_USER_INPUT");
    expect((await q(reset, { t: token, p: "nové-heslo-12345" })).data.resetPassword).toBe(true);
    expect(code(await q(reset, { t: token, p: "ešte-iné-heslo-123" }))).toBe("BAD_USER_INPUT");

    expect(code(await q(ME, {}, before.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: before.refreshToken }))).toBe("UNAUTHENTICATED");
    expect(code(await q(LOGIN, { input: { email: user.email, password: PASSWORD } }))).toBe("UNAUTHENTICATED");
    await login(q, user.email, "nové-heslo-12345");

    // An expired reset token does nothing.
    await q(request, { e: user.email });
    const stale = await outboxToken("user.password_reset_requested", user.id);
    await stack.owner.prisma.oneTimeToken.updateMany({ where: { tokenHash: sha256(stale) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(code(await q(reset, { t: stale, p: "ešte-iné-heslo-123" }))).toBe("BAD_USER_INPUT");
    await login(q, user.email, "nové-heslo-12345");
  });
});

describe("sessions", () => {
  it("rotates refresh tokens; a rotated token's reuse after the grace window revokes the whole session", async () => {
    const q = client();
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const first = await login(q, user.email);
    expect(first.organization?.id).toBe(org);

    const second = (await q(REFRESH, { t: first.refreshToken })).data.refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.organization.id).toBe(org);
    // An honest retry of the same old token moments later: refused, but nothing is revoked.
    expect(code(await q(REFRESH, { t: first.refreshToken }))).toBe("CONFLICT");
    const third = (await q(REFRESH, { t: second.refreshToken })).data.refreshToken;
    expect((await q(ME, {}, third.accessToken)).data.me.id).toBe(user.id);

    // Later, the first token turns up again: someone else holds this session's tokens.
    await stack.owner.prisma.session.updateMany({ where: { tokenHash: sha256(first.refreshToken) }, data: { rotatedAt: new Date(Date.now() - 60_000) } });
    expect(code(await q(REFRESH, { t: first.refreshToken }))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: third.refreshToken }))).toBe("UNAUTHENTICATED");
    expect(code(await q(ME, {}, third.accessToken))).toBe("UNAUTHENTICATED");
    const family = await stack.owner.prisma.session.findMany({ where: { userId: user.id } });
    expect(family).toHaveLength(3);
    expect(family.every((s) => s.revokedReason === "refresh_token_reuse")).toBe(true);
    // Another device's session is untouched.
    expect((await q(ME, {}, (await login(q, user.email)).accessToken)).data.me.id).toBe(user.id);
  });

  it("refuses forged tokens (alg none, HS256 keyed with the public key) and expired ones, at the gateway and at the subgraph", async () => {
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org, roles: ["org_admin"] });
    const claims = { org, roles: ["org_admin"], permissions: permissionsOf(["org_admin"]) };
    const jwks = (await (await fetch(new URL("/.well-known/jwks.json", stack.property.url))).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: "test" });
    expect(jwks.keys.every((k) => !("d" in k))).toBe(true);

    const none = new UnsecuredJWT(claims).setIssuer("ppt").setSubject(user.id).setAudience("ppt").setIssuedAt().setExpirationTime("10m").encode();
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: "test" })
      .setIssuer("ppt")
      .setSubject(user.id)
      .setAudience("ppt")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    const hs256Raw = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("ppt")
      .setSubject(user.id)
      .setAudience("ppt")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(Buffer.from(jwks.keys[0]!.x!, "base64url"));
    const expired = await stack.token({ sub: user.id, ...claims }, -60);
    const valid = await stack.token({ sub: user.id, ...claims });

    const q = client();
    expect((await q(`{ currentOrganization { id } }`, {}, valid)).data.currentOrganization.id).toBe(org);
    for (const forged of [none, hs256, hs256Raw, expired]) {
      expect(code(await q(`{ currentOrganization { id } }`, {}, forged))).toBe("UNAUTHENTICATED");
      // The subgraph verifies again: zero trust even behind the gateway.
      const direct = await fetch(stack.property.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${forged}`, ...stack.subgraphHeaders },
        body: JSON.stringify({ query: "{ currentOrganization { id } }" }),
      });
      expect(direct.status).toBe(401);
    }
  });

  it("logout ends one session; logout everywhere and a password change make every older access token fail", async () => {
    const q = client();
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });

    const phone = await login(q, user.email);
    const laptop = await login(q, user.email);
    const sessions = await q(`{ mySessions { id current organization { id } } }`, {}, phone.accessToken);
    expect(sessions.data.mySessions).toHaveLength(2);
    expect(sessions.data.mySessions.filter((s: any) => s.current)).toHaveLength(1);
    expect((await q(`mutation { logout }`, {}, phone.accessToken)).data.logout).toBe(true);
    expect(code(await q(ME, {}, phone.accessToken))).toBe("UNAUTHENTICATED");
    expect((await q(ME, {}, laptop.accessToken)).data.me.id).toBe(user.id);

    const tablet = await login(q, user.email);
    // One device ends another's session from the list.
    const listed = (await q(`{ mySessions { id current } }`, {}, laptop.accessToken)).data.mySessions;
    const REVOKE = `mutation ($id: ID!) { revokeSession(id: $id) }`;
    expect(code(await q(REVOKE, { id: randomUUID() }, laptop.accessToken))).toBe("NOT_FOUND");
    const others = listed.filter((s: any) => !s.current);
    expect(others).toHaveLength(1);
    expect((await q(REVOKE, { id: others[0].id }, laptop.accessToken)).data.revokeSession).toBe(true);
    expect(code(await q(ME, {}, tablet.accessToken))).toBe("UNAUTHENTICATED");
    expect((await q(ME, {}, laptop.accessToken)).data.me.id).toBe(user.id);

    expect((await q(`mutation { logoutAllSessions }`, {}, laptop.accessToken)).data.logoutAllSessions).toBe(true);
    for (const session of [laptop, tablet]) {
      expect(code(await q(ME, {}, session.accessToken))).toBe("UNAUTHENTICATED");
      expect(code(await q(REFRESH, { t: session.refreshToken }))).toBe("UNAUTHENTICATED");
    }
    // A token without a session, issued before "log out everywhere", is refused by its issue time.
    const sessionless = await stack.tokenFor(user.id, org);
    expect((await q(ME, {}, sessionless)).data.me.id).toBe(user.id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await q(`mutation { logoutAllSessions }`, {}, (await login(q, user.email)).accessToken);
    expect(code(await q(ME, {}, sessionless))).toBe("UNAUTHENTICATED");

    const a = await login(q, user.email);
    const b = await login(q, user.email);
    const change = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken refreshToken organization { id } } }`;
    expect(code(await q(change, { c: "nesprávne-heslo", n: "celkom-nové-heslo" }, a.accessToken))).toBe("BAD_USER_INPUT");
    const changed = (await q(change, { c: PASSWORD, n: "celkom-nové-heslo" }, a.accessToken)).data.changePassword;
    expect(changed.organization.id).toBe(org);
    expect(code(await q(ME, {}, a.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(ME, {}, b.accessToken))).toBe("UNAUTHENTICATED");
    expect((await q(ME, {}, changed.accessToken)).data.me.id).toBe(user.id);
  });

  it("switches organization only to an active membership; X-Tenant-Id must match the token", async () => {
    const q = client();
    const db = stack.owner.prisma;
    const [orgA, orgB, orgC] = [(await createOrganization(db)).id, (await createOrganization(db)).id, (await createOrganization(db)).id];
    const user = await createAccount(db, { password: PASSWORD, organizationId: orgA, roles: ["manager"] });
    await addMemberWithRoles(db, orgB, user.id, ["tenant"]);

    const inA = await login(q, user.email);
    expect(inA.organization?.id).toBe(orgA);
    const me = await q(ME, {}, inA.accessToken);
    expect(me.data.me.memberships).toEqual([
      { organization: { id: orgA }, roles: ["manager"] },
      { organization: { id: orgB }, roles: ["tenant"] },
    ]);
    const SWITCH = `mutation ($id: ID!) { switchOrganization(id: $id) { accessToken refreshToken organization { id } } }`;
    expect(code(await q(SWITCH, { id: orgC }, inA.accessToken))).toBe("NOT_FOUND");
    expect(code(await q(LOGIN, { input: { email: user.email, password: PASSWORD, organizationId: orgC } }))).toBe("FORBIDDEN");

    const inB = (await q(SWITCH, { id: orgB }, inA.accessToken)).data.switchOrganization;
    expect(inB.organization.id).toBe(orgB);
    expect((await q(`{ currentOrganization { id } }`, {}, inB.accessToken)).data.currentOrganization.id).toBe(orgB);
    // A tenant in B: the manager's rights of A do not come along.
    expect(code(await q(`mutation { updateOrganization(input: { name: "Iné meno" }) { id } }`, {}, inB.accessToken))).toBe("FORBIDDEN");
    expect(code(await q(`{ members { totalCount } }`, {}, inB.accessToken))).toBe("FORBIDDEN");
    // The device's previous refresh token was retired by the switch.
    expect(code(await q(REFRESH, { t: inA.refreshToken }))).toBe("CONFLICT");
    expect((await q(REFRESH, { t: inB.refreshToken })).data.refreshToken.organization.id).toBe(orgB);

    expect(code(await q(`{ currentOrganization { id } }`, {}, inB.accessToken, { "x-tenant-id": orgA }))).toBe("FORBIDDEN");
    expect((await q(`{ currentOrganization { id } }`, {}, inB.accessToken, { "x-tenant-id": orgB })).data.currentOrganization.id).toBe(orgB);
  });
});

describe("two-factor authentication", () => {
  it("enrols TOTP, then signs in only with a current code (once) or a recovery code (once)", async () => {
    const q = client();
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const session = await login(q, user.email);

    const enrolment = (await q(`mutation { enrollTotp { secret uri } }`, {}, session.accessToken)).data.enrollTotp;
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/PPT:/);
    const stored = await stack.owner.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mfaSecret).not.toContain(enrolment.secret);
    expect(stored.mfaEnabled).toBe(false);

    const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret), digits: 6, period: 30, algorithm: "SHA1" });
    const CONFIRM = `mutation ($c: String!) { confirmTotp(code: $c) }`;
    const wrong = totp.generate({ timestamp: Date.now() + 10 * 60_000 });
    expect(code(await q(CONFIRM, { c: wrong }, session.accessToken))).toBe("BAD_USER_INPUT");
    const recoveryCodes: string[] = (await q(CONFIRM, { c: totp.generate() }, session.accessToken)).data.confirmTotp;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const challenge = await login(q, user.email);
    expect(challenge).toMatchObject({ mfaRequired: true, accessToken: null, refreshToken: null });
    // The challenge is no access token.
    expect(code(await q(ME, {}, challenge.mfaToken!))).toBe("UNAUTHENTICATED");
    const COMPLETE = `mutation ($input: CompleteMfaLoginInput!) { completeMfaLogin(input: $input) { accessToken organization { id } user { mfaEnabled } } }`;
    expect(code(await q(COMPLETE, { input: { mfaToken: challenge.mfaToken, code: wrong } }))).toBe("UNAUTHENTICATED");
    const current = totp.generate();
    const signedIn = (await q(COMPLETE, { input: { mfaToken: challenge.mfaToken, code: current } })).data.completeMfaLogin;
    expect(signedIn).toMatchObject({ organization: { id: org }, user: { mfaEnabled: true } });
    expect((await q(ME, {}, signedIn.accessToken)).data.me.mfaEnabled).toBe(true);

    // The same code cannot sign in twice.
    const again = await login(q, user.email);
    expect(code(await q(COMPLETE, { input: { mfaToken: again.mfaToken, code: current } }))).toBe("UNAUTHENTICATED");
    const byRecovery = await q(COMPLETE, { input: { mfaToken: again.mfaToken, recoveryCode: recoveryCodes[0]!.toLowerCase() } });
    expect(byRecovery.errors).toBeUndefined();
    expect(byRecovery.data.completeMfaLogin.accessToken).toBeTruthy();
    const reused = await login(q, user.email);
    expect(code(await q(COMPLETE, { input: { mfaToken: reused.mfaToken, recoveryCode: recoveryCodes[0] } }))).toBe("UNAUTHENTICATED");
    // The same challenge cannot complete sign-in twice, even with another valid second factor (issue 12).
    const secondUse = await q(COMPLETE, { input: { mfaToken: again.mfaToken, recoveryCode: recoveryCodes[2] } });
    expect(code(secondUse), JSON.stringify(secondUse)).toBe("UNAUTHENTICATED");

    expect((await q(`mutation ($c: String!) { disableTotp(code: $c) }`, { c: recoveryCodes[1] }, signedIn.accessToken)).data.disableTotp).toBe(true);
    expect((await login(q, user.email)).mfaRequired).toBe(false);
  });
});

describe("brute force", () => {
  it("after 5 wrong passwords within a minute the 6th attempt is refused even with the right password, across two processes sharing Redis", async () => {
    const ip = `10.20.${rand()}.${rand()}`;
    const viaFirst = client(stack.gateway.url, ip);
    const viaSecond = client(stack.gateway2!.url, ip);
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const other = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });

    // Alternating between the two processes: each alone has seen at most 3 failures.
    for (let attempt = 0; attempt < 5; attempt++) {
      const q = attempt % 2 === 0 ? viaFirst : viaSecond;
      expect(code(await q(LOGIN, { input: { email: user.email, password: `zlé-heslo-${attempt}-xx` } }))).toBe("UNAUTHENTICATED");
    }
    const refused = await viaSecond(LOGIN, { input: { email: user.email, password: PASSWORD } });
    expect(code(refused)).toBe("RATE_LIMITED");
    expect(refused.errors![0]!.extensions).toMatchObject({ limit: 5, remaining: 0 });
    expect(refused.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
    expect(refused.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(60);
    expect(code(await viaFirst(LOGIN, { input: { email: user.email.toUpperCase(), password: PASSWORD } }))).toBe("RATE_LIMITED");
    // Per account: another account from the same address still signs in.
    await login(viaFirst, other.email);
  });

  it("limits failures per client address across accounts: of 100 parallel failures at most 30 are evaluated", async () => {
    const q = client(stack.gateway.url, `10.30.${rand()}.${rand()}`);
    const attempts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => q(LOGIN, { input: { email: `${randomUUID()}@example.sk`, password: `hádam-heslo-${i}` } })),
    );
    const verdicts = tally(attempts);
    expect(verdicts.UNAUTHENTICATED).toBeLessThanOrEqual(30);
    expect((verdicts.UNAUTHENTICATED ?? 0) + (verdicts.RATE_LIMITED ?? 0)).toBe(100);
    const refused = attempts.find((a) => code(a) === "RATE_LIMITED")!;
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: "TOO_MANY_FAILURES", limit: 30, remaining: 0 });
    expect(refused.errors![0]!.message).toMatch(/failed attempts from this address/);
    expect(code(await q(LOGIN, { input: { email: `${randomUUID()}@example.sk`, password: "ďalší-pokus-1" } }))).toBe("RATE_LIMITED");
  });

  it("evaluates at most 5 of 100 parallel wrong passwords for one account", async () => {
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    // From many addresses, so only the account's own counter stands between the guesses and the hash.
    const attempts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        client(i % 2 ? stack.gateway.url : stack.gateway2!.url)(LOGIN, { input: { email: user.email, password: `zlé-${i}-heslo` } }),
      ),
    );
    const verdicts = tally(attempts);
    expect(verdicts.UNAUTHENTICATED, JSON.stringify(verdicts)).toBeLessThanOrEqual(5);
    expect(verdicts.RATE_LIMITED, JSON.stringify(verdicts)).toBeGreaterThanOrEqual(95);
    const refused = attempts.find((a) => code(a) === "RATE_LIMITED")!;
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: "LOGIN_LOCKED", limit: 5, remaining: 0 });
    expect(refused.errors![0]!.message).toMatch(/this account/);
  });

  it("of 40 parallel attempts with one right password among them, at most 5 are evaluated", async () => {
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client()(LOGIN, { input: { email: user.email, password: i === 20 ? PASSWORD : `zlé-${i}-heslo` } })),
    );
    const verdicts = tally(attempts);
    expect(40 - (verdicts.RATE_LIMITED ?? 0)).toBeLessThanOrEqual(5);
  });

  it("limits second-factor codes, recovery codes and disableTotp: parallel guesses are evaluated at most 5 times", async () => {
    const q = client();
    const org = (await createOrganization(stack.owner.prisma)).id;
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const session = await login(q, user.email);
    const enrolment = (await q(`mutation { enrollTotp { secret uri } }`, {}, session.accessToken)).data.enrollTotp;
    const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret), digits: 6, period: 30, algorithm: "SHA1" });
    expect((await q(`mutation ($c: String!) { confirmTotp(code: $c) }`, { c: totp.generate() }, session.accessToken)).data.confirmTotp).toHaveLength(10);
    const wrong = (i: number) => String((Number(totp.generate()) + 1 + i) % 1_000_000).padStart(6, "0");

    const COMPLETE = `mutation ($input: CompleteMfaLoginInput!) { completeMfaLogin(input: $input) { accessToken } }`;
    const challenge = await login(q, user.email);
    const codes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        client()(COMPLETE, { input: { mfaToken: challenge.mfaToken, ...(i % 2 ? { code: wrong(i) } : { recoveryCode: `AAAA-BBBB-${i}` }) } }),
      ),
    );
    expect(tally(codes).UNAUTHENTICATED).toBeLessThanOrEqual(5);
    expect(tally(codes).RATE_LIMITED).toBeGreaterThanOrEqual(25);

    const DISABLE = `mutation ($c: String!) { disableTotp(code: $c) }`;
    const disables = await Promise.all(Array.from({ length: 30 }, (_, i) => client()(DISABLE, { c: wrong(i) }, session.accessToken)));
    expect(tally(disables).BAD_USER_INPUT).toBeLessThanOrEqual(5);
    expect(tally(disables).RATE_LIMITED).toBeGreaterThanOrEqual(25);
    expect((await stack.owner.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).mfaEnabled).toBe(true);
  });
});

/** How many answers carried each error code. */
function tally(results: GraphQLResponse[]): Record<string, number> {
  const counts: Record<string, number> = { OK: 0, UNAUTHENTICATED: 0, BAD_USER_INPUT: 0, RATE_LIMITED: 0 };
  for (const r of results) {
    const found = code(r);
    const c = typeof found === "string" ? found : "OK";
    counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

describe("partner clients", () => {
  it("issues a client token for a subset of the creator's permissions and refuses it over its quota and after revocation", async () => {
    const q = client();
    const db = stack.owner.prisma;
    const org = (await createOrganization(db)).id;
    await createBuilding(db, org);
    const admin = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["org_admin"] });
    const adminToken = (await login(q, admin.email)).accessToken;

    const CREATE = `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret apiClient { id clientId permissions quotaPerMinute } } }`;
    const limited = await stack.token({ sub: admin.id, org, roles: [], permissions: ["api-clients:manage", "buildings:read"] });
    expect(code(await q(CREATE, { input: { name: "ERP", permissions: ["buildings:read", "faults:write"] } }, limited))).toBe("FORBIDDEN");
    expect(code(await q(CREATE, { input: { name: "ERP", permissions: ["buildings:fly"] } }, adminToken))).toBe("BAD_USER_INPUT");
    const created = (await q(CREATE, { input: { name: "ERP", permissions: ["buildings:write", "buildings:read"], quotaPerMinute: 4 } }, adminToken)).data
      .createApiClient;
    expect(created.apiClient).toMatchObject({ permissions: ["buildings:read", "buildings:write"], quotaPerMinute: 4 });
    const stored = await db.apiClient.findUniqueOrThrow({ where: { id: created.apiClient.id } });
    expect(stored.secretHash).toBe(sha256(created.clientSecret));

    const ISSUE = `mutation ($id: String!, $secret: String!) { issueClientToken(clientId: $id, clientSecret: $secret) { accessToken tokenType } }`;
    expect(code(await q(ISSUE, { id: created.apiClient.clientId, secret: "nie-je-to-ono" }))).toBe("UNAUTHENTICATED");
    const clientToken = (await q(ISSUE, { id: created.apiClient.clientId, secret: created.clientSecret })).data.issueClientToken.accessToken;
    // The plan's quota travels in the token, so the gateway can hold the client to it without a database.
    expect(JSON.parse(Buffer.from(clientToken.split(".")[1], "base64url").toString()).quota_per_minute).toBe(4);

    const BUILDINGS = `{ buildings(first: 5) { totalCount } }`;
    for (let i = 0; i < 3; i++) expect((await q(BUILDINGS, {}, clientToken)).data.buildings.totalCount).toBe(1);
    // Exactly its permissions, nothing of its creator's.
    expect(code(await q(`{ faults { totalCount } }`, {}, clientToken))).toBe("FORBIDDEN");
    const over = await q(BUILDINGS, {}, clientToken);
    expect(code(over)).toBe("RATE_LIMITED");
    expect(over.errors![0]!.extensions).toMatchObject({ reason: "QUOTA_EXCEEDED", limit: 4, remaining: 0 });
    expect(over.errors![0]!.message).toMatch(/quota/i);
    expect(over.errors![0]!.message).not.toMatch(/attempts/i);
    expect(over.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);

    const listed = await q(`{ apiClients { totalCount edges { node { clientId } } } }`, {}, adminToken);
    expect(listed.data.apiClients.edges.map((e: any) => e.node.clientId)).toEqual([created.apiClient.clientId]);
    await q(`mutation ($id: ID!) { revokeApiClient(id: $id) { revokedAt } }`, { id: created.apiClient.id }, adminToken);
    expect(code(await q(BUILDINGS, {}, clientToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(ISSUE, { id: created.apiClient.clientId, secret: created.clientSecret }))).toBe("UNAUTHENTICATED");
  });
});

describe("organizations and memberships", () => {
  it("creates an organization whose founder administers it; invites, accepts, assigns roles and keeps an audit log", async () => {
    const q = client();
    const db = stack.owner.prisma;
    const founder = await createAccount(db, { password: PASSWORD });
    const founderSession = await login(q, founder.email);
    const created = await q(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name type } }`,
      { input: { name: "Bytové družstvo Šafárikova", type: "HOUSING_COOPERATIVE", contactEmail: "INFO@SAFARIKOVA.SK" } },
      founderSession.accessToken,
    );
    expect(created.errors).toBeUndefined();
    const org = created.data.createOrganization.id;
    const admin = (await q(`mutation ($id: ID!) { switchOrganization(id: $id) { accessToken } }`, { id: org }, founderSession.accessToken)).data
      .switchOrganization.accessToken;
    expect((await q(ME, {}, admin)).data.me.memberships).toEqual([{ organization: { id: org }, roles: ["org_admin"] }]);

    const updated = await q(
      `mutation { updateOrganization(input: { branding: { primaryColor: "#0a5" }, contactPhone: "+421 900 123 456" }) { branding contactPhone } }`,
      {},
      admin,
    );
    expect(updated.data.updateOrganization).toEqual({ branding: { primaryColor: "#0a5" }, contactPhone: "+421 900 123 456" });
    expect(code(await q(`mutation { updateOrganization(input: { settings: [1, 2] }) { id } }`, {}, admin))).toBe("BAD_USER_INPUT");

    const email = `${randomUUID()}@example.sk`;
    const invited = await q(`mutation ($e: EmailAddress!) { inviteMember(email: $e, role: "manager") { id email role } }`, { e: email }, admin);
    expect(invited.data.inviteMember).toMatchObject({ email, role: "manager" });
    const invitation = await db.outboxEvent.findFirstOrThrow({
      where: { eventType: "organization.member_invited", payload: { path: ["email"], equals: email } },
    });
    const token = (invitation.payload as { token: string }).token;
    const ACCEPT = `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`;
    expect(code(await q(ACCEPT, { input: { token } }))).toBe("BAD_USER_INPUT");
    expect((await q(ACCEPT, { input: { token, firstName: "Marek", lastName: "Správca", password: PASSWORD } })).data.acceptInvitation.id).toBe(org);
    expect(code(await q(ACCEPT, { input: { token, firstName: "Marek", lastName: "Správca", password: PASSWORD } }))).toBe("BAD_USER_INPUT");
    const manager = await login(q, email);
    expect(manager.organization?.id).toBe(org);
    // A manager cannot hand out administration (more than they have).
    expect(code(await q(`mutation { inviteMember(email: "x@example.sk", role: "org_admin") { id } }`, {}, manager.accessToken))).toBe("FORBIDDEN");

    const ROLE = `mutation ($u: ID!, $r: String!) { assignRole(userId: $u, role: $r) { roles user { id } } }`;
    expect(code(await q(ROLE, { u: manager.user.id, r: "pilot" }, admin))).toBe("BAD_USER_INPUT");
    expect((await q(ROLE, { u: manager.user.id, r: "owner" }, admin)).data.assignRole.roles.sort()).toEqual(["manager", "owner"]);
    expect(code(await q(ROLE, { u: manager.user.id, r: "owner" }, manager.accessToken))).toBe("FORBIDDEN");
    const revoked = await q(`mutation ($u: ID!) { revokeRole(userId: $u, role: "owner") { roles } }`, { u: manager.user.id }, admin);
    expect(revoked.data.revokeRole.roles).toEqual(["manager"]);
    expect(code(await q(`mutation ($u: ID!) { revokeRole(userId: $u, role: "org_admin") { roles } }`, { u: founder.id }, admin))).toBe("CONFLICT");

    const members = await q(
      `{ members(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { email roles status user { id firstName } } } } }`,
      {},
      admin,
    );
    expect(members.data.members.totalCount).toBe(2);
    expect(members.data.members.edges[0].node).toMatchObject({ email: founder.email, roles: ["org_admin"], status: "ACTIVE" });
    const next = await q(
      `query ($a: String) { members(first: 1, after: $a) { pageInfo { hasNextPage } edges { node { email } } } }`,
      { a: members.data.members.pageInfo.endCursor },
      admin,
    );
    expect(next.data.members.edges.map((e: any) => e.node.email)).toEqual([email]);
    expect(next.data.members.pageInfo.hasNextPage).toBe(false);

    const audit = await q(`{ auditLog(first: 50) { edges { node { action actor { id } } } } }`, {}, admin);
    const actions = audit.data.auditLog.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "organization.created",
        "organization.updated",
        "organization.member_invited",
        "organization.invitation_accepted",
        "organization.role_assigned",
        "organization.role_revoked",
      ]),
    );
    expect(JSON.stringify(audit.data)).not.toContain(token);
    expect(code(await q(`{ auditLog { totalCount } }`, {}, await stack.tokenFor(manager.user.id, org, ["tenant"])))).toBe("FORBIDDEN");
  });

  it("removing a member makes their token stop working for that organization", async () => {
    const q = client();
    const db = stack.owner.prisma;
    const org = (await createOrganization(db)).id;
    const other = (await createOrganization(db)).id;
    const admin = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["org_admin"] });
    const member = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["manager"] });
    await addMemberWithRoles(db, other, member.id, ["tenant"]);
    const adminToken = (await login(q, admin.email)).accessToken;
    const memberSession = await login(q, member.email, PASSWORD, org);
    expect((await q(`{ currentOrganization { id } }`, {}, memberSession.accessToken)).data.currentOrganization.id).toBe(org);

    // A manager may not remove an administrator; nobody removes the last one.
    expect(code(await q(`mutation ($u: ID!) { removeMember(userId: $u) }`, { u: admin.id }, memberSession.accessToken))).toBe("FORBIDDEN");
    expect(code(await q(`mutation ($u: ID!) { removeMember(userId: $u) }`, { u: admin.id }, adminToken))).toBe("CONFLICT");

    expect((await q(`mutation ($u: ID!) { removeMember(userId: $u) }`, { u: member.id }, adminToken)).data.removeMember).toBe(true);
    expect(code(await q(`{ currentOrganization { id } }`, {}, memberSession.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: memberSession.refreshToken }))).toBe("UNAUTHENTICATED");
    const members = await q(`{ members { edges { node { user { id } } } } }`, {}, adminToken);
    expect(members.data.members.edges.map((e: any) => e.node.user.id)).toEqual([admin.id]);
    // Still a member elsewhere: signing in lands there.
    expect((await login(q, member.email)).organization?.id).toBe(other);
  });
});

describe("delegations", () => {
  it("lets an owner delegate rights for their own unit; the voting module's question is answered until revoked", async () => {
    const q = client();
    const db = stack.owner.prisma;
    const org = (await createOrganization(db)).id;
    const building = (await createBuilding(db, org)).id;
    const unit = (await createUnit(db, org, building, "7")).id;
    const otherUnit = (await createUnit(db, org, building, "8")).id;
    const owner = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["owner"] });
    const proxy = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["tenant"] });
    await addOwnership(db, org, unit, owner.id);
    const ownerToken = (await login(q, owner.email)).accessToken;
    const proxyToken = (await login(q, proxy.email)).accessToken;

    const DELEGATE = `mutation ($input: DelegateRightsInput!) { delegateRights(input: $input) { id scope active fromUser { id } toUser { id } unit { id } } }`;
    expect(code(await q(DELEGATE, { input: { toUserId: proxy.id, unitId: otherUnit, scope: "VOTING" } }, ownerToken))).toBe("NOT_FOUND");
    expect(code(await q(DELEGATE, { input: { toUserId: owner.id, unitId: unit, scope: "VOTING" } }, proxyToken))).toBe("NOT_FOUND");
    expect(code(await q(DELEGATE, { input: { toUserId: proxy.id, unitId: unit, scope: "VOTING", validTo: "2000-01-01T00:00:00Z" } }, ownerToken))).toBe(
      "BAD_USER_INPUT",
    );
    const given = (await q(DELEGATE, { input: { toUserId: proxy.id, unitId: unit, scope: "VOTING" } }, ownerToken)).data.delegateRights;
    expect(given).toMatchObject({ scope: "VOTING", active: true, fromUser: { id: owner.id }, toUser: { id: proxy.id }, unit: { id: unit } });

    const received = await q(`{ myDelegations(direction: RECEIVED) { totalCount edges { node { id fromUser { id } } } } }`, {}, proxyToken);
    expect(received.data.myDelegations.edges.map((e: any) => e.node.id)).toEqual([given.id]);
    expect((await q(`{ myDelegations(direction: RECEIVED) { totalCount } }`, {}, ownerToken)).data.myDelegations.totalCount).toBe(0);

    const proxyCaller: Caller = {
      userId: proxy.id,
      organizationId: org,
      roles: ["tenant"],
      permissions: new Set(permissionsOf(["tenant"])),
      audience: "ppt",
      sessionId: null,
      clientId: null,
      issuedAt: 0,
      expiresAt: 0,
    };
    const ask = async (scope: "VOTING" | "FINANCE", unitId = unit) => {
      const ctx = stack.property.contextForCaller(proxyCaller);
      try {
        return await activeDelegation(ctx, { toUserId: proxy.id, unitId, scope });
      } finally {
        await ctx.dispose();
      }
    };
    expect((await ask("VOTING"))?.fromUserId).toBe(owner.id);
    expect(await ask("FINANCE")).toBeNull();
    expect(await ask("VOTING", otherUnit)).toBeNull();

    expect(code(await q(`mutation ($id: ID!) { revokeDelegation(id: $id) { id } }`, { id: given.id }, proxyToken))).toBe("NOT_FOUND");
    const revoked = await q(`mutation ($id: ID!) { revokeDelegation(id: $id) { active revokedAt } }`, { id: given.id }, ownerToken);
    expect(revoked.data.revokeDelegation.active).toBe(false);
    expect(await ask("VOTING")).toBeNull();
  });
});
