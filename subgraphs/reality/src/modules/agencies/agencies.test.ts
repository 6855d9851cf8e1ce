// Agencies onboard themselves, end to end through the gateway and RabbitMQ: a portal user
// registers an agency (IČO and IČ DPH checked), verifies it by the link mailed to its domain
// address (or a platform super administrator verifies it), invites realtors by e-mail (the mail
// comes from the reality worker to an SMTP server started here), and a removed realtor loses the
// agency's listings at once, which pass to the agency's owner.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalUser, createUser } from "@ppt/testing/fixtures";
import { startMailStack } from "@ppt/testing/mail-stack";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { linkIn, type TestSmtp } from "@ppt/testing/smtp";
import type { GraphQLResponse, Stack } from "@ppt/testing/stack";
import { startRealityWorker } from "../../jobs.ts";

let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ smtp, stack, stop } = await startMailStack((config) => startRealityWorker(config, { port: 0 }), { PORTAL_APP_URL: "https://reality.example.sk" }));
});
afterAll(() => stop?.());

const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

const REGISTER = `mutation ($input: RegisterAgencyInput!) { registerAgency(input: $input) { id slug ico vatId verified verificationMethod areasServed realtors { role realtor { displayName } } } }`;
const INVITE = `mutation ($a: ID!, $e: String!, $role: AgencyRole) { inviteRealtor(agencyId: $a, email: $e, role: $role) { id email role expiresAt } }`;
const ACCEPT = `mutation ($t: String!) { acceptAgencyInvitation(token: $t) { role agency { id } realtor { id displayName } } }`;
const CONFIRM = `mutation ($t: String!) { confirmAgencyDomain(token: $t) { id verified verificationMethod } }`;

/** A portal account with no realtor profile, and its token. */
async function portalAccount(name = "Eva Zakladateľka") {
  const user = await createPortalUser(stack.owner.prisma, name);
  return { ...user, token: await portalToken(stack, user.id) };
}

/** A fresh IČO with a valid check digit (mod 11), so tests never collide. */
function freshIco(): string {
  for (;;) {
    const head = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
    const sum = [...head].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
    return head + String((11 - (sum % 11)) % 10);
  }
}

async function register(token: string, overrides: Record<string, unknown> = {}) {
  const slug = `kancelaria-${randomUUID().slice(0, 8)}`;
  const input = { name: "Kancelária Test", slug, ico: freshIco(), email: `info@${slug}.sk`, website: `https://www.${slug}.sk`, ...overrides };
  return { input, result: await stack.query(REGISTER, { input }, token) };
}

describe("registering an agency", () => {
  it("a portal user without a realtor profile registers an agency: they become its OWNER, it starts unverified", async () => {
    const founder = await portalAccount();
    const { input, result } = await register(founder.token, { vatId: "SK2020317068", areasServed: ["Košice", "Prešov", "Košice"] });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerAgency).toMatchObject({
      slug: input.slug,
      ico: input.ico,
      vatId: "SK2020317068",
      verified: false,
      verificationMethod: null,
      areasServed: ["Košice", "Prešov"],
      realtors: [{ role: "OWNER", realtor: { displayName: "Eva Zakladateľka" } }],
    });
    // The portal shows it, marked unverified.
    const shown = await stack.query(`query ($s: String!) { agencyBySlug(slug: $s) { verified } }`, { s: input.slug });
    expect(shown.data.agencyBySlug).toEqual({ verified: false });
    const profile = await stack.query(`{ myRealtorProfile { displayName agencies { role } } }`, {}, founder.token);
    expect(profile.data.myRealtorProfile).toEqual({ displayName: "Eva Zakladateľka", agencies: [{ role: "OWNER" }] });
  });

  it("refuses a wrong IČO or IČ DPH and a second agency of one IČO, and writes nothing", async () => {
    const founder = await portalAccount();
    const before = await stack.owner.prisma.agency.count();
    const wrongIco = await register(founder.token, { ico: "35757443" });
    expect(code(wrongIco.result)).toBe("BAD_USER_INPUT");
    expect(wrongIco.result.errors?.[0]?.extensions?.field).toBe("input.ico");
    const wrongVat = await register(founder.token, { vatId: "SK2020317069" });
    expect(code(wrongVat.result)).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.agency.count()).toBe(before);
    expect(await stack.owner.prisma.realtor.count({ where: { portalUserId: founder.id } })).toBe(0);

    const first = await register(founder.token);
    expect(first.result.errors).toBeUndefined();
    const other = await portalAccount("Iný zakladateľ");
    const second = await register(other.token, { ico: first.input.ico });
    expect(code(second.result)).toBe("CONFLICT");
    expect(await stack.owner.prisma.realtor.count({ where: { portalUserId: other.id } })).toBe(0);
  });

  it("verifies by the link mailed to the address on the agency's web domain, once", async () => {
    const founder = await portalAccount();
    const { input, result } = await register(founder.token);
    const mail = await smtp.waitFor(input.email);
    expect(mail.subject).toBe("Reality Portál: overenie kancelárie Kancelária Test");
    const { url, token } = linkIn(mail);
    expect(`${url.origin}${url.pathname}`).toBe("https://reality.example.sk/overenie-kancelarie");
    const confirmed = await stack.query(CONFIRM, { t: token });
    expect(confirmed.data.confirmAgencyDomain).toEqual({ id: result.data.registerAgency.id, verified: true, verificationMethod: "DOMAIN_EMAIL" });
    expect(code(await stack.query(CONFIRM, { t: token }))).toBe("BAD_USER_INPUT");
  });

  it("mails no domain link for an address that is not on the website's domain", async () => {
    const founder = await portalAccount();
    const slug = `kancelaria-${randomUUID().slice(0, 8)}`;
    const { result } = await register(founder.token, { slug, email: `${slug}@gmail.com`, website: `https://${slug}.sk` });
    expect(result.errors).toBeUndefined();
    // A mail the same founder triggers afterwards arrives; the gmail address has received nothing before it.
    const probe = `${randomUUID()}@probe.example.sk`;
    await stack.query(INVITE, { a: result.data.registerAgency.id, e: probe }, founder.token);
    await smtp.waitFor(probe);
    expect(smtp.to(`${slug}@gmail.com`)).toHaveLength(0);
  });

  it("a platform super administrator verifies an agency; nobody else can", async () => {
    const founder = await portalAccount();
    const { result } = await register(founder.token, { website: null });
    const agencyId = result.data.registerAgency.id;
    const VERIFY = `mutation ($a: ID!) { verifyAgency(agencyId: $a) { verified verificationMethod } }`;
    expect(code(await stack.query(VERIFY, { a: agencyId }, founder.token))).toBe("FORBIDDEN");
    const plain = await createUser(stack.owner.prisma);
    expect(code(await stack.query(VERIFY, { a: agencyId }, await stack.token({ sub: plain.id })))).toBe("FORBIDDEN");
    const admin = await createUser(stack.owner.prisma, "Pavol", "Platforma");
    await stack.owner.prisma.user.update({ where: { id: admin.id }, data: { isSuperAdmin: true } });
    const adminToken = await stack.token({ sub: admin.id });
    expect(code(await stack.query(VERIFY, { a: randomUUID() }, adminToken))).toBe("NOT_FOUND");
    const verified = await stack.query(VERIFY, { a: agencyId }, adminToken);
    expect(verified.errors).toBeUndefined();
    expect(verified.data.verifyAgency).toEqual({ verified: true, verificationMethod: "PLATFORM_ADMIN" });
  });

  it("an OWNER or ADMIN sets the areas served; a REALTOR of the agency cannot", async () => {
    const founder = await portalAccount();
    const { result } = await register(founder.token);
    const agencyId = result.data.registerAgency.id;
    const UPDATE = `mutation ($a: ID!, $i: UpdateAgencyInput!) { updateAgency(agencyId: $a, input: $i) { areasServed city } }`;
    const updated = await stack.query(UPDATE, { a: agencyId, i: { areasServed: ["Bratislava - Petržalka", "Senec"], city: "Bratislava" } }, founder.token);
    expect(updated.data.updateAgency).toEqual({ areasServed: ["Bratislava - Petržalka", "Senec"], city: "Bratislava" });
    const member = await join(agencyId, founder.token, "REALTOR");
    expect(code(await stack.query(UPDATE, { a: agencyId, i: { areasServed: [] } }, member.token))).toBe("NOT_FOUND");
  });
});

/** Invites a new portal account by mail and accepts with it: the realtor and their token. */
async function join(agencyId: string, inviterToken: string, role: "OWNER" | "ADMIN" | "REALTOR") {
  const account = await portalAccount("Marek Pozvaný");
  const invited = await stack.query(INVITE, { a: agencyId, e: account.email, role }, inviterToken);
  expect(invited.errors).toBeUndefined();
  const { token } = linkIn(await smtp.waitFor(account.email));
  const accepted = await stack.query(ACCEPT, { t: token }, account.token);
  expect(accepted.errors).toBeUndefined();
  return { ...account, realtorId: accepted.data.acceptAgencyInvitation.realtor.id as string };
}

describe("inviting realtors", () => {
  it("the invitation mail links to the portal; accepting it joins the agency once, with the role invited", async () => {
    const founder = await portalAccount();
    const agencyId = (await register(founder.token)).result.data.registerAgency.id;
    const invitee = await portalAccount("Jana Maklérka");
    const invited = await stack.query(INVITE, { a: agencyId, e: invitee.email.toUpperCase() }, founder.token);
    expect(invited.data.inviteRealtor).toMatchObject({ email: invitee.email, role: "REALTOR" });

    const mail = await smtp.waitFor(invitee.email);
    expect(mail.subject).toBe("Pozvánka do realitnej kancelárie Kancelária Test");
    const { url, token } = linkIn(mail);
    expect(`${url.origin}${url.pathname}`).toBe("https://reality.example.sk/pozvanka-do-kancelarie");

    expect(code(await stack.query(ACCEPT, { t: token }))).toBe("UNAUTHENTICATED");
    const accepted = await stack.query(ACCEPT, { t: token }, invitee.token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptAgencyInvitation).toMatchObject({ role: "REALTOR", agency: { id: agencyId }, realtor: { displayName: "Jana Maklérka" } });
    // Single use: the same link again, by anyone, is refused.
    expect(code(await stack.query(ACCEPT, { t: token }, invitee.token))).toBe("BAD_USER_INPUT");
    expect(code(await stack.query(ACCEPT, { t: token }, (await portalAccount()).token))).toBe("BAD_USER_INPUT");
  });

  it("an expired invitation, or one replaced by a newer one, is refused and joins nobody", async () => {
    const founder = await portalAccount();
    const agencyId = (await register(founder.token)).result.data.registerAgency.id;
    const invitee = await portalAccount();
    const first = (await stack.query(INVITE, { a: agencyId, e: invitee.email }, founder.token)).data.inviteRealtor;
    const firstToken = linkIn(await smtp.waitFor(invitee.email)).token;
    await stack.query(INVITE, { a: agencyId, e: invitee.email }, founder.token);
    const secondMail = await smtp.waitFor(invitee.email, (m) => linkIn(m).token !== firstToken);
    expect(code(await stack.query(ACCEPT, { t: firstToken }, invitee.token))).toBe("BAD_USER_INPUT");

    await stack.owner.prisma.agencyInvitation.updateMany({ where: { agencyId, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(code(await stack.query(ACCEPT, { t: linkIn(secondMail).token }, invitee.token))).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.realtor.count({ where: { portalUserId: invitee.id } })).toBe(0);
    expect(first.id).toBeTruthy();
  });

  it("only an OWNER invites an ADMIN; a REALTOR invites nobody; an ADMIN invites realtors", async () => {
    const founder = await portalAccount();
    const agencyId = (await register(founder.token)).result.data.registerAgency.id;
    const admin = await join(agencyId, founder.token, "ADMIN");
    const realtor = await join(agencyId, admin.token, "REALTOR");
    expect(code(await stack.query(INVITE, { a: agencyId, e: "x@example.sk", role: "ADMIN" }, admin.token))).toBe("FORBIDDEN");
    expect(code(await stack.query(INVITE, { a: agencyId, e: "x@example.sk" }, realtor.token))).toBe("NOT_FOUND");
    expect(code(await stack.query(INVITE, { a: agencyId, e: "nie-je-adresa" }, founder.token))).toBe("BAD_USER_INPUT");
    const members = await stack.query(`query ($a: ID!) { agency(id: $a) { realtors { role } } }`, { a: agencyId });
    expect(members.data.agency.realtors.map((m: { role: string }) => m.role).sort()).toEqual(["ADMIN", "OWNER", "REALTOR"]);
  });
});

describe("a realtor leaving", () => {
  it("loses the agency's listings at once; they pass to the OWNER and stay managed", async () => {
    const founder = await portalAccount("Olga Majiteľka");
    const agencyId = (await register(founder.token)).result.data.registerAgency.id;
    const realtor = await join(agencyId, founder.token, "REALTOR");
    const agencyListing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId, status: "DRAFT", publishedAt: null });
    const ownListing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId: null });
    const UPDATE = `mutation ($id: ID!, $title: String!) { updateListing(id: $id, input: { title: $title }) { title realtor { displayName } } }`;
    expect((await stack.query(UPDATE, { id: agencyListing.id, title: "Pred odchodom" }, realtor.token)).errors).toBeUndefined();

    const REMOVE = `mutation ($a: ID!, $r: ID!) { removeAgencyRealtor(agencyId: $a, realtorId: $r) }`;
    expect(code(await stack.query(REMOVE, { a: agencyId, r: founder.id }, founder.token))).toBe("NOT_FOUND");
    expect((await stack.query(REMOVE, { a: agencyId, r: realtor.realtorId }, founder.token)).data.removeAgencyRealtor).toBe(true);

    expect(code(await stack.query(UPDATE, { id: agencyListing.id, title: "Po odchode" }, realtor.token))).toBe("NOT_FOUND");
    const mine = await stack.query(`{ myListings(first: 50) { edges { node { id } } } }`, {}, realtor.token);
    expect(mine.data.myListings.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ownListing.id]);
    const byOwner = await stack.query(UPDATE, { id: agencyListing.id, title: "Spravuje majiteľka" }, founder.token);
    expect(byOwner.data.updateListing).toEqual({ title: "Spravuje majiteľka", realtor: { displayName: "Olga Majiteľka" } });
  });

  it("the last OWNER cannot leave, and an ADMIN cannot remove an OWNER", async () => {
    const founder = await portalAccount();
    const agencyId = (await register(founder.token)).result.data.registerAgency.id;
    const admin = await join(agencyId, founder.token, "ADMIN");
    const founderRealtorId = (await stack.owner.prisma.realtor.findUniqueOrThrow({ where: { portalUserId: founder.id } })).id;
    const REMOVE = `mutation ($a: ID!, $r: ID!) { removeAgencyRealtor(agencyId: $a, realtorId: $r) }`;
    expect(code(await stack.query(REMOVE, { a: agencyId, r: founderRealtorId }, admin.token))).toBe("FORBIDDEN");
    expect(code(await stack.query(REMOVE, { a: agencyId, r: founderRealtorId }, founder.token))).toBe("CONFLICT");
    expect(await stack.owner.prisma.agencyRealtor.count({ where: { agencyId, leftAt: null } })).toBe(2);
  });
});
