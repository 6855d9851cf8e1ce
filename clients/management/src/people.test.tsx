// People and organizations against the real gateway, both subgraphs and PostgreSQL: the header's
// organization switcher (new tokens, the previous organization's cache gone, the choice remembered
// for the next sign-in), the members screen's role and removal controls as the token allows them
// and its actions, and powers of attorney given, listed on both sides and revoked.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { MyHome } from "@ppt/client-shared/operations";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMemberWithRoles, createAccount, createBuilding, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { delegationInput, emptyDraft } from "./delegations/delegation-draft.ts";
import { DelegateRights, DelegationRowFields, RevokeDelegation } from "./delegations/operations.ts";
import { CreateVoteDocument, PublishVoteDocument } from "./generated/graphql.ts";
import { createVoteInput, emptyVoteDraft } from "./voting/vote-draft.ts";
import { getFragmentData } from "./generated/fragment-masking.ts";
import { describeRefusal, refusalOf } from "@ppt/client-shared";
import { sk } from "./i18n/sk.ts";
import { AssignRole, InviteMember, MemberRowFields, Members, PendingInvitations, RevokeRole, removeMember, revokeInvitation } from "./members/operations.ts";
import { signIn } from "./session/auth.ts";
import { createOrganizationChoice, switchOrganization } from "./session/organizations.ts";
import { claimsOf } from "./session/permissions.ts";
import { createTokenStore, type TokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";

let stack: Stack;
let north: string;
let south: string;
let account: { id: string; email: string };
let adminToken: string;
let managerToken: string;
let owners: { unitId: string; ownerId: string }[];
let ownedBuildingId: string;
const ownerTokens: string[] = [];
const PASSWORD = "bezpečné-heslo-2024";

const storeOf = (accessToken: string) => createTokenStore({ initial: { accessToken, refreshToken: null, expiresAt: null } });
const clientOf = (tokens: TokenStore) => createManagementClient({ uri: stack.gateway.url, tokens });

async function render(path: string, tokens: TokenStore, search = "") {
  const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
  const tree = (
    <ApolloProvider client={client}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path} ssrSearch={search}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result.replace(/<!-- -->/g, "").replace(/&amp;/g, "&");
}

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  north = (await createOrganization(db, "Bytové družstvo Sever")).id;
  south = (await createOrganization(db, "SVB Južná")).id;
  await createBuilding(db, north, "Košice", "Štúrova", "12");
  await createBuilding(db, south, "Prešov", "Južná trieda", "3");
  // One person in two organizations: administrator of one, manager of the other.
  account = await createAccount(db, { password: PASSWORD, organizationId: north, roles: ["org_admin"], firstName: "Eva" });
  await addMemberWithRoles(db, south, account.id, ["manager"]);
  adminToken = await stack.tokenFor(account.id, north, ["org_admin"]);
  const manager = await createUser(db, "Marek", "Správca");
  await addMemberWithRoles(db, north, manager.id, ["manager"]);
  managerToken = await stack.tokenFor(manager.id, north, ["manager"]);
  const owned = await createOwnedBuilding(db, north, 3);
  owners = owned.units;
  ownedBuildingId = owned.buildingId;
  for (const { ownerId } of owners) {
    await addMemberWithRoles(db, north, ownerId, ["owner"]);
    ownerTokens.push(await stack.tokenFor(ownerId, north, ["owner"]));
  }
  // An owner sees no member list (no users:read): the people they write with are whom they can choose.
  await ok(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`,
    { input: { participantIds: [owners[1]!.ownerId], title: "Schôdza", message: "Zastúpite ma?" } },
    ownerTokens[0]!,
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("organization switcher", () => {
  it("offers a member of several organizations each of them, the current one chosen; one organization is just named", async () => {
    const html = await render("/budovy", storeOf(adminToken));
    expect(html).toMatch(/<select aria-label="Organizácia"[^>]*>/);
    expect(html).toContain(`<option value="${north}" selected="">Bytové družstvo Sever</option>`);
    expect(html).toContain(`<option value="${south}">SVB Južná</option>`);
    const single = await render("/budovy", storeOf(managerToken));
    expect(single).toContain(`<span class="organization">Bytové družstvo Sever</span>`);
    expect(single).not.toContain("SVB Južná");
  });

  it("switches: tokens for the other organization, nothing of the previous one left in the cache, the choice remembered", async () => {
    const tokens = createTokenStore();
    const client = clientOf(tokens);
    const choice = createOrganizationChoice();
    expect(await signIn(client, tokens, account.email, PASSWORD, choice)).toEqual({ kind: "signedIn" });
    expect(claimsOf(tokens.get()).organizationId).toBe(north);
    await client.query({ query: MyHome });
    expect(JSON.stringify(client.extract())).toContain("Štúrova");

    expect(await switchOrganization(client, tokens, choice, south)).toEqual({ ok: true });
    expect(claimsOf(tokens.get()).organizationId).toBe(south);
    expect(JSON.stringify(client.extract())).not.toContain("Štúrova");
    expect(choice.remembered(account.id)).toBe(south);
    // The refresh token now renews in the new organization too.
    expect(tokens.session()?.refreshToken).toBeTruthy();
    const html = await render("/budovy", tokens);
    expect(html).toContain(`<option value="${south}" selected="">SVB Južná</option>`);
    expect(html).toContain("Južná trieda 3, Prešov");
    expect(html).not.toContain("Štúrova");
  });

  it("refuses an organization the person is not a member of, in Slovak, and keeps the session", async () => {
    const tokens = storeOf(adminToken);
    const choice = createOrganizationChoice();
    const outcome = await switchOrganization(clientOf(tokens), tokens, choice, (await createOrganization(stack.owner.prisma, "Cudzie SVB")).id);
    expect(outcome).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(tokens.get()).toBe(adminToken);
    expect(choice.remembered(account.id)).toBeNull();
  });

  it("signs in to the organization chosen last; a choice whose membership ended is forgotten", async () => {
    const choice = createOrganizationChoice();
    choice.remember(account.id, south);
    const tokens = createTokenStore();
    expect(await signIn(clientOf(tokens), tokens, account.email, PASSWORD, choice)).toEqual({ kind: "signedIn" });
    expect(claimsOf(tokens.get()).organizationId).toBe(south);

    const gone = (await createOrganization(stack.owner.prisma, "Zaniknuté SVB")).id;
    choice.remember(account.id, gone);
    const again = createTokenStore();
    expect(await signIn(clientOf(again), again, account.email, PASSWORD, choice)).toEqual({ kind: "signedIn" });
    expect(claimsOf(again.get()).organizationId).toBe(north);
    expect(choice.remembered(account.id)).toBeNull();
  });
});

describe("members", () => {
  it("gives an administrator role and removal controls for others, a manager removal only, and nobody a way to remove themselves", async () => {
    const admin = await render("/clenovia", storeOf(adminToken));
    expect(admin).toContain("Vlastník1 Bytu");
    expect(admin).toContain('aria-label="Odobrať rolu vlastník: Vlastník1 Bytu"');
    expect(admin).toContain('aria-label="Pridať rolu pre Vlastník1 Bytu"');
    expect(admin).toContain('Odstrániť z organizácie <span class="visually-hidden">Vlastník1 Bytu</span>');
    expect(admin).not.toContain('Odstrániť z organizácie <span class="visually-hidden">Eva Prihlásená</span>');
    expect(admin).toContain("Pozvať e-mailom");

    const manager = await render("/clenovia", storeOf(managerToken));
    expect(manager).toContain('Odstrániť z organizácie <span class="visually-hidden">Vlastník1 Bytu</span>');
    expect(manager).not.toContain("Odobrať rolu");
    expect(manager).not.toContain("Pridať rolu");
  });

  it("changes a member's roles, removes a member from the server and the cached list, and sends an invitation again", async () => {
    const client = clientOf(storeOf(adminToken));
    const { data } = await client.query({ query: Members });
    const rowOf = (userId: string) =>
      data!.members.edges.map(({ node }) => getFragmentData(MemberRowFields, node)).find((member) => member.user.id === userId)!;
    const third = rowOf(owners[2]!.ownerId);

    await client.mutate({ mutation: AssignRole, variables: { userId: third.user.id, role: "tenant" } });
    await client.mutate({ mutation: RevokeRole, variables: { userId: third.user.id, role: "owner" } });
    const cached = client.readFragment({ fragment: MemberRowFields, id: client.cache.identify({ __typename: "OrganizationMember", id: third.id }) });
    expect(cached?.roles).toEqual(["tenant"]);
    expect(await render("/clenovia", storeOf(adminToken))).toContain('aria-label="Odobrať rolu nájomca: Vlastník3 Bytu"');

    const before = data!.members.totalCount;
    await removeMember(client, third);
    const after = client.readQuery({ query: Members })!;
    expect(after.members.totalCount).toBe(before - 1);
    expect(JSON.stringify(after)).not.toContain("Vlastník3");
    const server = await ok(`{ members(first: 100) { edges { node { user { id } } } } }`, {}, adminToken);
    expect(JSON.stringify(server)).not.toContain(third.user.id);

    const first = await client.mutate({ mutation: InviteMember, variables: { email: "nova.clenka@example.sk", role: "owner" } });
    const again = await client.mutate({ mutation: InviteMember, variables: { email: "nova.clenka@example.sk", role: "owner" } });
    expect(again.data?.inviteMember.id).not.toBe(first.data?.inviteMember.id);
  });
});

describe("pending invitations", () => {
  it("lists them with send-again and revoke; a revoked one leaves the server and the cached list; a refusal reads by its code", async () => {
    const client = clientOf(storeOf(adminToken));
    const email = `cakajuca.${Date.now()}@example.sk`;
    const sent = (await client.mutate({ mutation: InviteMember, variables: { email, role: "tenant" } })).data!.inviteMember;

    const page = await render("/clenovia", storeOf(adminToken));
    expect(page).toContain("Čakajúce pozvánky");
    expect(page).toContain(`<strong>${email}</strong>`);
    expect(page).toContain(`aria-label="Poslať znova pozvánku pre ${email}"`);
    expect(page).toContain(`aria-label="Zrušiť pozvánku pre ${email}"`);

    const { data } = await client.query({ query: PendingInvitations });
    expect(data!.invitations.edges.map(({ node }) => node)).toContainEqual(expect.objectContaining({ id: sent.id, email, role: "tenant" }));
    await revokeInvitation(client, sent.id);
    const cached = client.readQuery({ query: PendingInvitations })!;
    expect(cached.invitations.totalCount).toBe(data!.invitations.totalCount - 1);
    expect(JSON.stringify(cached)).not.toContain(sent.id);
    expect(JSON.stringify(await ok(`{ invitations(first: 100) { edges { node { id } } } }`, {}, adminToken))).not.toContain(sent.id);
    expect(await render("/clenovia", storeOf(adminToken))).not.toContain(email);

    const refusal = await revokeInvitation(client, "00000000-0000-4000-8000-000000000000").catch((error: unknown) => error);
    expect(describeRefusal(sk, refusalOf(refusal), sk.members.invitationRefused)).toBe("Táto pozvánka už neexistuje.");
  });
});

describe("powers of attorney", () => {
  it("lets an owner choose among the people they write with and the units they own", async () => {
    const html = await render("/plne-moci", storeOf(ownerTokens[0]!));
    expect(html).toContain("<h1>Plné moci</h1>");
    expect(html).toMatch(new RegExp(`<option value="${owners[1]!.ownerId}">Vlastník2 Bytu</option>`));
    expect(html).not.toContain(`<option value="${owners[0]!.ownerId}">`);
    expect(html).toContain(`<option value="${owners[0]!.unitId}">Jednotka 1, Hlasovacia 3, Košice</option>`);
    expect(html).not.toContain(`<option value="${owners[1]!.unitId}">`);
    expect(html).toContain("Neudelili ste žiadnu plnú moc.");
    expect(html).toContain("Nikto vás nesplnomocnil.");
    expect(html).not.toContain('role="alert"');
    // Staff who also own choose among all members.
    const staff = await render("/plne-moci", storeOf(managerToken));
    expect(staff).toContain(`<option value="${owners[0]!.ownerId}">Vlastník1 Bytu</option>`);
    expect(staff).not.toContain('role="alert"');
  });

  it("gives one for voting until a last day inclusive, shows it to both sides, and revokes it", async () => {
    const client = clientOf(storeOf(ownerTokens[0]!));
    const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const input = delegationInput({ ...emptyDraft, toUserId: owners[1]!.ownerId, unitId: owners[0]!.unitId, validTo: lastDay, note: "Listina č. 7" });
    const given = (await client.mutate({ mutation: DelegateRights, variables: { input } })).data!.delegateRights;
    const row = getFragmentData(DelegationRowFields, given);
    // Valid through the last day: it ends at the next day's local midnight.
    const end = new Date(row.validTo!);
    expect([end.getHours(), end.getMinutes()]).toEqual([0, 0]);
    const lastMoment = new Date(end.getTime() - 1);
    expect(`${lastMoment.getFullYear()}-${String(lastMoment.getMonth() + 1).padStart(2, "0")}-${String(lastMoment.getDate()).padStart(2, "0")}`).toBe(lastDay);

    const giver = await render("/plne-moci", storeOf(ownerTokens[0]!));
    expect(giver).toContain("Pre: Vlastník2 Bytu");
    expect(giver).toContain("Hlasovanie");
    expect(giver).toContain("Jednotka 1");
    expect(giver).toContain("Listina č. 7");
    expect(giver).toContain('aria-label="Odvolať plnú moc pre Vlastník2 Bytu"');
    const holder = await render("/plne-moci", storeOf(ownerTokens[1]!));
    expect(holder).toContain("Od: Vlastník1 Bytu");
    expect(holder).not.toContain("Odvolať plnú moc");

    const revoked = await client.mutate({ mutation: RevokeDelegation, variables: { id: row.id } });
    expect(revoked.data?.revokeDelegation.active).toBe(false);
    const after = await render("/plne-moci", storeOf(ownerTokens[0]!));
    expect(after).toContain("Odvolaná");
    expect(after).not.toContain('aria-label="Odvolať plnú moc pre Vlastník2 Bytu"');
  });

  it("offers an owner on a vote's page a power of attorney for voting through the vote's last day", async () => {
    const client = clientOf(storeOf(managerToken));
    const checked = createVoteInput({
      ...emptyVoteDraft(ownedBuildingId, "Áno\nNie"),
      title: "Zateplenie",
      question: "Súhlasíte so zateplením?",
      endsAt: "2099-06-30T18:00",
    });
    if ("problem" in checked) throw new Error(checked.problem);
    const id = (await client.mutate({ mutation: CreateVoteDocument, variables: { input: checked.input } })).data!.createVote.id;
    await client.mutate({ mutation: PublishVoteDocument, variables: { id } });
    const owner = await render(`/hlasovania/${id}`, storeOf(ownerTokens[0]!));
    expect(owner).toContain('href="/plne-moci?do=2099-06-30"');
    // The manager owns nothing here: nothing to delegate.
    expect(await render(`/hlasovania/${id}`, storeOf(managerToken))).not.toContain("/plne-moci?do=");
    const form = await render("/plne-moci", storeOf(ownerTokens[0]!), "do=2099-06-30");
    expect(form).toMatch(/<input type="date"[^>]*value="2099-06-30"/);
  });
});
