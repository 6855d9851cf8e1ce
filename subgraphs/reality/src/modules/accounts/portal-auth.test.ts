// Portal sign-in through the gateway: the OpenID Connect authorization-code flow with PKCE run
// for real against a local OpenID provider (oidc-provider, in this process, on a free port, its
// login and consent answered by this test as a browser would), email + password accounts with
// refresh-token rotation, the audiences that keep portal and property tokens apart, and the rule
// by which a realtor links their account to a realtor profile.
import { createHash, randomUUID } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { followToRedirect, startOidcPeer, type OidcPeer } from "@ppt/testing/oidc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createOrganization, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

const PASSWORD = "portálové-heslo-2024";
/** The portal page the provider sends the browser back to (never fetched: the test reads the redirect). */
const REDIRECT_URI = "http://portal.test/auth/callback";

let stack: Stack;
let peer: OidcPeer;

/** Every test signs in from its own address, so per-address counters of one test never touch another's. */
function client(ip = `10.${rand()}.${rand()}.${rand()}`) {
  return async <T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> => {
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
}
const rand = () => Math.floor(Math.random() * 250) + 1;
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const PAYLOAD = `accessToken refreshToken expiresAt refreshTokenExpiresAt user { id email displayName emailVerified linkedProviders }`;
const START = `mutation ($p: String!, $r: URL!) { startPortalOidcLogin(provider: $p, redirectUri: $r) { authorizationUrl state } }`;
const COMPLETE = `mutation ($p: String!, $c: String!, $s: String!, $i: String) { completePortalOidcLogin(provider: $p, code: $c, state: $s, iss: $i) { ${PAYLOAD} } }`;
const REGISTER = `mutation ($input: RegisterPortalUserInput!) { registerPortalUser(input: $input) }`;
const LOGIN = `mutation ($e: EmailAddress!, $p: String!) { portalLogin(email: $e, password: $p) { ${PAYLOAD} } }`;
const REFRESH = `mutation ($t: String!) { refreshPortalToken(refreshToken: $t) { ${PAYLOAD} } }`;
const VERIFY = `mutation ($t: String!) { verifyPortalEmail(token: $t) }`;
const RESET_REQUEST = `mutation ($e: EmailAddress!) { requestPortalPasswordReset(email: $e) }`;
const RESET = `mutation ($t: String!, $p: String!) { resetPortalPassword(token: $t, newPassword: $p) }`;
const ME = `{ portalMe { id email displayName emailVerified linkedProviders realtorProfile { id } } }`;
const LINK = `mutation ($id: ID!) { linkRealtorProfile(realtorId: $id) { id displayName } }`;

type Payload = { accessToken: string; refreshToken: string; user: { id: string; email: string; emailVerified: boolean; linkedProviders: string[] } };

/** The whole provider round trip: start through the gateway, the browser at the provider, the redirect's parameters. */
async function providerRedirect(q: ReturnType<typeof client>, subject: string) {
  peer.signInAs(subject);
  const start = await q(START, { p: "test", r: REDIRECT_URI });
  expect(start.errors, JSON.stringify(start.errors)).toBeUndefined();
  const { authorizationUrl, state } = start.data.startPortalOidcLogin as { authorizationUrl: string; state: string };
  const back = await followToRedirect(authorizationUrl, REDIRECT_URI);
  return {
    authorizationUrl: new URL(authorizationUrl),
    state,
    code: back.searchParams.get("code")!,
    returnedState: back.searchParams.get("state"),
    iss: back.searchParams.get("iss"),
  };
}

async function signInWithProvider(q: ReturnType<typeof client>, subject: string): Promise<Payload> {
  const redirect = await providerRedirect(q, subject);
  const done = await q(COMPLETE, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss });
  expect(done.errors, JSON.stringify(done.errors)).toBeUndefined();
  return done.data.completePortalOidcLogin as Payload;
}

async function outboxToken(eventType: string, portalUserId: string): Promise<string> {
  const event = await stack.owner.prisma.outboxEvent.findFirst({
    where: { eventType, payload: { path: ["portalUserId"], equals: portalUserId } },
    orderBy: { createdAt: "desc" },
  });
  expect(event, `${eventType} for ${portalUserId}`).toBeTruthy();
  return (event!.payload as { token: string }).token;
}

/** A registered, signed-in email + password account. */
async function passwordAccount(q: ReturnType<typeof client>, email = `${randomUUID()}@portal.example.sk`) {
  expect((await q(REGISTER, { input: { email, password: PASSWORD, displayName: "Lucia Kupujúca" } })).data.registerPortalUser).toBe(true);
  const login = await q(LOGIN, { e: email, p: PASSWORD });
  expect(login.errors, JSON.stringify(login.errors)).toBeUndefined();
  return login.data.portalLogin as Payload;
}

beforeAll(async () => {
  peer = await startOidcPeer({ redirectUris: [REDIRECT_URI], extraAllowedRedirects: ["http://portal.test/other"] });
  stack = await startStack({ env: peer.env });
});

afterAll(async () => {
  await stack?.stop();
  await peer?.stop();
});

describe("OpenID Connect sign-in", () => {
  it("completes the authorization-code flow with PKCE end to end, and the portal token works for portal features", async () => {
    const q = client();
    const subject = `google-like-${randomUUID()}`;
    const email = `${randomUUID()}@gmail.example`;
    peer.people.set(subject, { email, email_verified: true, name: "Oľga Prihlásená" });

    const redirect = await providerRedirect(q, subject);
    // What went to the provider: S256 challenge, state and nonce; never the verifier.
    const params = redirect.authorizationUrl.searchParams;
    expect(redirect.authorizationUrl.origin).toBe(peer.issuer);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get("nonce")).toBeTruthy();
    expect(params.get("state")).toBe(redirect.state);
    expect(params.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(params.has("code_verifier")).toBe(false);
    expect(redirect.returnedState).toBe(redirect.state);
    // The verifier and nonce wait server-side under the state's digest only.
    const started = await stack.owner.prisma.portalOidcLogin.findUniqueOrThrow({ where: { stateHash: sha256(redirect.state) } });
    expect(started.provider).toBe("TEST");
    expect(await stack.owner.prisma.portalOidcLogin.count({ where: { stateHash: redirect.state } })).toBe(0);

    const done = await q(COMPLETE, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss });
    expect(done.errors, JSON.stringify(done.errors)).toBeUndefined();
    const session = done.data.completePortalOidcLogin as Payload;
    expect(session.user).toMatchObject({ email, emailVerified: true, linkedProviders: ["test"] });
    expect(await stack.owner.prisma.portalOidcLogin.count({ where: { stateHash: sha256(redirect.state) } })).toBe(0);

    // One issuer, the portal audience, the key id in the header.
    expect(decodeProtectedHeader(session.accessToken)).toMatchObject({ alg: "EdDSA", kid: "test" });
    expect(decodeJwt(session.accessToken)).toMatchObject({ iss: "ppt", aud: "portal", sub: session.user.id });

    const me = await q(ME, {}, session.accessToken);
    expect(me.data.portalMe).toMatchObject({ id: session.user.id, email, displayName: "Oľga Prihlásená", emailVerified: true, realtorProfile: null });
    const listing = await insertListing(stack.owner.prisma, { realtorId: (await createRealtor(stack.owner.prisma)).id, title: "Byt pre OIDC" });
    const added = await q(`mutation ($id: ID!) { addFavorite(listingId: $id) { id } }`, { id: listing.id }, session.accessToken);
    expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
    const favorites = await q(`{ myFavorites(first: 10) { edges { node { id title } } } }`, {}, session.accessToken);
    expect(favorites.data.myFavorites.edges.map((e: any) => e.node.title)).toEqual(["Byt pre OIDC"]);

    // Next time the provider's subject finds the same account, whatever address it now reports.
    peer.people.set(subject, { email: `${randomUUID()}@gmail.example`, email_verified: true, name: "Oľga" });
    const again = await signInWithProvider(q, subject);
    expect(again.user.id).toBe(session.user.id);
    expect(await stack.owner.prisma.portalUser.count({ where: { email } })).toBe(1);
  });

  it("refuses a wrong state, a replayed state, an expired sign-in, a foreign redirect URI and an unknown provider", async () => {
    const q = client();
    const subject = `subject-${randomUUID()}`;
    peer.people.set(subject, { email: `${randomUUID()}@mail.example`, email_verified: true });

    const redirect = await providerRedirect(q, subject);
    expect(code(await q(COMPLETE, { p: "test", c: redirect.code, s: `${redirect.state}x`, i: redirect.iss }))).toBe("BAD_USER_INPUT");
    // The right state still works once...
    expect((await q(COMPLETE, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss })).errors).toBeUndefined();
    // ...and never again, even with the same code.
    expect(code(await q(COMPLETE, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss }))).toBe("BAD_USER_INPUT");

    const stale = await providerRedirect(q, subject);
    await stack.owner.prisma.portalOidcLogin.updateMany({ where: { stateHash: sha256(stale.state) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(code(await q(COMPLETE, { p: "test", c: stale.code, s: stale.state, i: stale.iss }))).toBe("BAD_USER_INPUT");

    // A code the provider issued for another sign-in (its PKCE verifier does not match) is refused by the provider.
    const first = await providerRedirect(q, subject);
    const second = await providerRedirect(q, subject);
    expect(code(await q(COMPLETE, { p: "test", c: first.code, s: second.state, i: second.iss }))).toBe("UNAUTHENTICATED");

    expect(code(await q(START, { p: "test", r: "http://evil.example/callback" }))).toBe("BAD_USER_INPUT");
    expect(code(await q(START, { p: "myspace", r: REDIRECT_URI }))).toBe("BAD_USER_INPUT");
    expect(code(await q(START, { p: "google", r: REDIRECT_URI }))).toBe("BAD_USER_INPUT");
  });

  it("attaches a provider identity to an existing account only when the provider verified the address", async () => {
    const q = client();
    const owner = await passwordAccount(q);
    await q(VERIFY, { t: await outboxToken("portal_user.email_verification_requested", owner.user.id) });

    const unverified = `unverified-${randomUUID()}`;
    peer.people.set(unverified, { email: owner.user.email, email_verified: false });
    const redirect = await providerRedirect(q, unverified);
    expect(code(await q(COMPLETE, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss }))).toBe("CONFLICT");
    expect(await stack.owner.prisma.portalSocialAccount.count({ where: { portalUserId: owner.user.id } })).toBe(0);

    const verified = `verified-${randomUUID()}`;
    peer.people.set(verified, { email: owner.user.email.toUpperCase(), email_verified: true });
    const linked = await signInWithProvider(q, verified);
    expect(linked.user.id).toBe(owner.user.id);
    expect(linked.user.linkedProviders).toEqual(["test"]);
    // The password still works: the account's own address was already proven.
    expect((await q(LOGIN, { e: owner.user.email, p: PASSWORD })).errors).toBeUndefined();
  });

  it("takes an unproven account over from whoever pre-registered the address: their password and sessions end", async () => {
    const q = client();
    const squatter = await passwordAccount(q);
    const victim = `victim-${randomUUID()}`;
    peer.people.set(victim, { email: squatter.user.email, email_verified: true, name: "Skutočná Majiteľka" });
    const session = await signInWithProvider(q, victim);
    expect(session.user).toMatchObject({ id: squatter.user.id, emailVerified: true });
    expect(code(await q(LOGIN, { e: squatter.user.email, p: PASSWORD }))).toBe("UNAUTHENTICATED");
    expect(code(await q(ME, {}, squatter.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: squatter.refreshToken }))).toBe("UNAUTHENTICATED");
    expect((await q(ME, {}, session.accessToken)).data.portalMe.id).toBe(squatter.user.id);
  });
});

describe("linking providers to a signed-in account", () => {
  const LINK_PROVIDER = `mutation ($p: String!, $c: String!, $s: String!, $i: String) { linkPortalOidcProvider(provider: $p, code: $c, state: $s, iss: $i) { id linkedProviders } }`;

  it("names the providers the deployment offers, for the sign-in buttons", async () => {
    expect((await client()(`{ portalSignInProviders }`)).data.portalSignInProviders).toEqual(["test"]);
  });

  it("links a provider that reports another address; the identity then signs in to this account", async () => {
    const q = client();
    const owner = await passwordAccount(q);
    const subject = `relay-${randomUUID()}`;
    // An address unlike the account's (an Apple relay address): no e-mail match would ever find it.
    peer.people.set(subject, { email: `${randomUUID()}@privaterelay.example`, email_verified: true, name: "Relé" });
    const redirect = await providerRedirect(q, subject);
    const linked = await q(LINK_PROVIDER, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss }, owner.accessToken);
    expect(linked.errors, JSON.stringify(linked.errors)).toBeUndefined();
    expect(linked.data.linkPortalOidcProvider).toEqual({ id: owner.user.id, linkedProviders: ["test"] });
    const session = await signInWithProvider(q, subject);
    expect(session.user.id).toBe(owner.user.id);
    expect(await stack.owner.prisma.portalUser.count({ where: { id: { not: owner.user.id }, email: { contains: "privaterelay" } } })).toBe(0);
  });

  it("refuses without a portal session, with a used state, and an identity linked to another account", async () => {
    const q = client();
    const first = await passwordAccount(q);
    const second = await passwordAccount(q);
    const subject = `taken-${randomUUID()}`;
    peer.people.set(subject, { email: `${randomUUID()}@mail.example`, email_verified: true });

    const anonymous = await providerRedirect(q, subject);
    expect(code(await q(LINK_PROVIDER, { p: "test", c: anonymous.code, s: anonymous.state, i: anonymous.iss }))).toBe("UNAUTHENTICATED");

    const redirect = await providerRedirect(q, subject);
    expect((await q(LINK_PROVIDER, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss }, first.accessToken)).errors).toBeUndefined();
    expect(code(await q(LINK_PROVIDER, { p: "test", c: redirect.code, s: redirect.state, i: redirect.iss }, second.accessToken))).toBe("BAD_USER_INPUT");

    const again = await providerRedirect(q, subject);
    expect(code(await q(LINK_PROVIDER, { p: "test", c: again.code, s: again.state, i: again.iss }, second.accessToken))).toBe("CONFLICT");
    expect(await stack.owner.prisma.portalSocialAccount.count({ where: { portalUserId: second.user.id } })).toBe(0);
  });
});

describe("email and password", () => {
  it("registers (same answer for a known address), verifies the address once, signs in", async () => {
    const q = client();
    const email = `${randomUUID()}@portal.example.sk`;
    expect(code(await q(REGISTER, { input: { email, password: "short", displayName: "Lucia" } }))).toBe("BAD_USER_INPUT");
    expect((await q(REGISTER, { input: { email, password: PASSWORD, displayName: "Lucia" } })).data.registerPortalUser).toBe(true);
    expect((await q(REGISTER, { input: { email: email.toUpperCase(), password: "iné-heslo-12345", displayName: "X" } })).data.registerPortalUser).toBe(true);
    const users = await stack.owner.prisma.portalUser.findMany({ where: { email } });
    expect(users).toHaveLength(1);
    expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The second registration's password was not applied.
    expect(code(await q(LOGIN, { e: email, p: "iné-heslo-12345" }))).toBe("UNAUTHENTICATED");

    const session = (await q(LOGIN, { e: email.toUpperCase(), p: PASSWORD })).data.portalLogin as Payload;
    expect(session.user).toMatchObject({ id: users[0]!.id, email, emailVerified: false, linkedProviders: [] });
    const token = await outboxToken("portal_user.email_verification_requested", users[0]!.id);
    expect(await stack.owner.prisma.portalOneTimeToken.count({ where: { tokenHash: sha256(token) } })).toBe(1);
    expect((await q(VERIFY, { t: token })).data.verifyPortalEmail).toBe(true);
    expect(code(await q(VERIFY, { t: token }))).toBe("BAD_USER_INPUT");
    expect((await q(ME, {}, session.accessToken)).data.portalMe.emailVerified).toBe(true);
  });

  it("resets a forgotten password once: sessions end, the old password stops working, the address counts as verified", async () => {
    const q = client();
    const session = await passwordAccount(q);
    const other = (await q(LOGIN, { e: session.user.email, p: PASSWORD })).data.portalLogin as Payload;
    const unknown = `${randomUUID()}@portal.example.sk`;
    expect((await q(RESET_REQUEST, { e: unknown })).data.requestPortalPasswordReset).toBe(true);
    expect((await q(RESET_REQUEST, { e: session.user.email.toUpperCase() })).data.requestPortalPasswordReset).toBe(true);
    const token = await outboxToken("portal_user.password_reset_requested", session.user.id);
    // A verification token is not a reset token, and a reset token is not a verification token.
    expect(code(await q(VERIFY, { t: token }))).toBe("BAD_USER_INPUT");
    expect(code(await q(RESET, { t: token, p: "short" }))).toBe("BAD_USER_INPUT");
    expect((await q(RESET, { t: token, p: "nové-dlhé-heslo-2026" })).data.resetPortalPassword).toBe(true);
    expect(code(await q(RESET, { t: token, p: "ešte-iné-heslo-2026" }))).toBe("BAD_USER_INPUT");

    for (const s of [session, other]) {
      expect(code(await q(ME, {}, s.accessToken))).toBe("UNAUTHENTICATED");
      expect(code(await q(REFRESH, { t: s.refreshToken }))).toBe("UNAUTHENTICATED");
    }
    expect(code(await q(LOGIN, { e: session.user.email, p: PASSWORD }))).toBe("UNAUTHENTICATED");
    const fresh = (await q(LOGIN, { e: session.user.email, p: "nové-dlhé-heslo-2026" })).data.portalLogin as Payload;
    expect(fresh.user).toMatchObject({ id: session.user.id, emailVerified: true });
    expect((await q(ME, {}, fresh.accessToken)).data.portalMe.id).toBe(session.user.id);
    expect(await stack.owner.prisma.portalOneTimeToken.count({ where: { tokenHash: token } })).toBe(0);
  });

  it("rotates refresh tokens; a rotated token's reuse after the grace window revokes the whole session", async () => {
    const q = client();
    const first = await passwordAccount(q);
    const second = (await q(REFRESH, { t: first.refreshToken })).data.refreshPortalToken as Payload;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(decodeJwt(second.accessToken).sid).toBe(decodeJwt(first.accessToken).sid);
    // An honest retry moments later: refused, nothing revoked.
    expect(code(await q(REFRESH, { t: first.refreshToken }))).toBe("CONFLICT");
    const third = (await q(REFRESH, { t: second.refreshToken })).data.refreshPortalToken as Payload;
    expect((await q(ME, {}, third.accessToken)).data.portalMe.id).toBe(first.user.id);
    // Stored as digests only.
    expect(await stack.owner.prisma.portalSession.count({ where: { tokenHash: sha256(third.refreshToken) } })).toBe(1);
    expect(await stack.owner.prisma.portalSession.count({ where: { tokenHash: third.refreshToken } })).toBe(0);

    const other = (await q(LOGIN, { e: first.user.email, p: PASSWORD })).data.portalLogin as Payload;
    await stack.owner.prisma.portalSession.updateMany({ where: { tokenHash: sha256(first.refreshToken) }, data: { rotatedAt: new Date(Date.now() - 60_000) } });
    expect(code(await q(REFRESH, { t: first.refreshToken }))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: third.refreshToken }))).toBe("UNAUTHENTICATED");
    expect(code(await q(ME, {}, third.accessToken))).toBe("UNAUTHENTICATED");
    const family = await stack.owner.prisma.portalSession.findMany({ where: { familyId: String(decodeJwt(first.accessToken).sid) } });
    expect(family).toHaveLength(3);
    expect(family.every((s) => s.revokedReason === "refresh_token_reuse")).toBe(true);
    // The other device's session is untouched.
    expect((await q(ME, {}, other.accessToken)).data.portalMe.id).toBe(first.user.id);
  });

  it("logout ends the session at once: its access and refresh tokens stop working", async () => {
    const q = client();
    const session = await passwordAccount(q);
    expect((await q(`mutation { portalLogout }`, {}, session.accessToken)).data.portalLogout).toBe(true);
    expect(code(await q(ME, {}, session.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(REFRESH, { t: session.refreshToken }))).toBe("UNAUTHENTICATED");
  });

  it("locks an account after 5 failures a minute, even against the right password", async () => {
    const q = client();
    const session = await passwordAccount(q);
    for (let i = 0; i < 5; i++) expect(code(await q(LOGIN, { e: session.user.email, p: `zlé-heslo-${i}-xyz` }))).toBe("UNAUTHENTICATED");
    const refused = await q(LOGIN, { e: session.user.email, p: PASSWORD });
    expect(code(refused)).toBe("RATE_LIMITED");
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: "LOGIN_LOCKED", limit: 5, remaining: 0 });
  });

  it("evaluates at most 5 of 100 parallel wrong passwords, and at most 5 of 40 with the right one among them", async () => {
    const verdicts = (results: GraphQLResponse[]) => results.filter((r) => code(r) !== "RATE_LIMITED").length;
    const wrong = await passwordAccount(client());
    const guesses = await Promise.all(Array.from({ length: 100 }, (_, i) => client()(LOGIN, { e: wrong.user.email, p: `zlé-heslo-${i}-xyz` })));
    expect(verdicts(guesses)).toBeLessThanOrEqual(5);
    expect(guesses.filter((r) => code(r) === "UNAUTHENTICATED").length).toBeLessThanOrEqual(5);

    const right = await passwordAccount(client());
    const mixed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client()(LOGIN, { e: right.user.email, p: i === 20 ? PASSWORD : `zlé-heslo-${i}-xyz` })),
    );
    expect(verdicts(mixed)).toBeLessThanOrEqual(5);
  });

  it("evaluates at most 30 of 100 parallel failures from one address", async () => {
    const q = client();
    const attempts = await Promise.all(Array.from({ length: 100 }, (_, i) => q(LOGIN, { e: `${randomUUID()}@portal.example.sk`, p: `hádam-heslo-${i}` })));
    expect(attempts.filter((r) => code(r) === "UNAUTHENTICATED").length).toBeLessThanOrEqual(30);
    expect(attempts.find((r) => code(r) === "RATE_LIMITED")?.errors?.[0]?.extensions).toMatchObject({ reason: "TOO_MANY_FAILURES", limit: 30 });
  });
});

describe("audiences", () => {
  it("the property subgraph refuses portal tokens, and portal features refuse property tokens", async () => {
    const q = client();
    const portal = await passwordAccount(q);
    expect(code(await q(`{ me { id } }`, {}, portal.accessToken))).toBe("UNAUTHENTICATED");
    expect(code(await q(`{ buildings(first: 1) { totalCount } }`, {}, portal.accessToken))).toBe("UNAUTHENTICATED");

    const org = (await createOrganization(stack.owner.prisma)).id;
    const staff = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org });
    const ppt = (await q(`mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: staff.email, password: PASSWORD } })).data
      .login.accessToken as string;
    expect(decodeJwt(ppt).aud).toBe("ppt");
    expect(decodeProtectedHeader(ppt).kid).toBe(decodeProtectedHeader(portal.accessToken).kid);
    expect(code(await q(ME, {}, ppt))).toBe("FORBIDDEN");
    expect(code(await q(`{ myFavorites { totalCount } }`, {}, ppt))).toBe("FORBIDDEN");
    expect((await q(`{ me { id } }`, {}, ppt)).data.me.id).toBe(staff.id);
  });
});

describe("linking a realtor profile", () => {
  it("links an unclaimed profile whose email is the account's verified address; nothing else", async () => {
    const q = client();
    const session = await passwordAccount(q);
    const profile = await createRealtor(stack.owner.prisma, "Mária Maklérka");
    await stack.owner.prisma.realtor.update({ where: { id: profile.id }, data: { email: session.user.email.toUpperCase() } });
    const foreign = await createRealtor(stack.owner.prisma, "Cudzia Maklérka");
    await stack.owner.prisma.realtor.update({ where: { id: foreign.id }, data: { email: `${randomUUID()}@reality.example.sk` } });

    expect(code(await q(LINK, { id: profile.id }))).toBe("UNAUTHENTICATED");
    // The address is not proven yet.
    expect(code(await q(LINK, { id: profile.id }, session.accessToken))).toBe("FORBIDDEN");
    await q(VERIFY, { t: await outboxToken("portal_user.email_verification_requested", session.user.id) });
    // Another address's profile looks like a missing one.
    expect(code(await q(LINK, { id: foreign.id }, session.accessToken))).toBe("NOT_FOUND");
    expect(code(await q(LINK, { id: randomUUID() }, session.accessToken))).toBe("NOT_FOUND");

    const linked = await q(LINK, { id: profile.id }, session.accessToken);
    expect(linked.errors, JSON.stringify(linked.errors)).toBeUndefined();
    expect(linked.data.linkRealtorProfile).toEqual({ id: profile.id, displayName: "Mária Maklérka" });
    expect((await q(`{ myRealtorProfile { id } }`, {}, session.accessToken)).data.myRealtorProfile.id).toBe(profile.id);
    expect((await q(ME, {}, session.accessToken)).data.portalMe.realtorProfile.id).toBe(profile.id);

    // A claimed profile is nobody else's to claim, and an account links one profile at most.
    const second = await createRealtor(stack.owner.prisma, "Druhý Profil");
    await stack.owner.prisma.realtor.update({ where: { id: second.id }, data: { email: session.user.email } });
    expect(code(await q(LINK, { id: second.id }, session.accessToken))).toBe("CONFLICT");
    const outsider = await passwordAccount(q);
    expect(code(await q(LINK, { id: profile.id }, outsider.accessToken))).toBe("NOT_FOUND");
  });
});
