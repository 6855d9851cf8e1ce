// The voting screens against the real gateway, both subgraphs and PostgreSQL: a vote created
// through the app's form logic and mutations, the list and the detail (question, options, rules,
// both denominators) for a manager and for owners, a ballot cast through the app's client
// changing what the detail renders, and the live tally reaching the app's cache over graphql-ws
// when another owner votes — where an older tally never replaces a newer one.
import { renderToString } from "react-dom/server";
import type { ApolloClient } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import type { ReactNode } from "react";
import { Router } from "wouter";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { CastBallotDocument, CreateVoteDocument, PublishVoteDocument, VoteDetailDocument, VoteTallyUpdatedDocument } from "./generated/graphql.ts";
import { permissionsOf } from "./session/permissions.ts";
import { createTokenStore, type SessionTokens, type TokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";
import { toggleChoice } from "./voting/BallotForm.tsx";
import { applyLiveTally, type LiveTally } from "./voting/live-tally.ts";
import { isNewerTally, mergeTally } from "./voting/tally-version.ts";
import { createVoteInput, emptyVoteDraft } from "./voting/vote-draft.ts";
import { VoteDetail } from "./voting/VoteDetail.tsx";

let stack: Stack;
let managerToken: string;
let otherManagerToken: string;
let building: { buildingId: string; units: { unitId: string; ownerId: string }[] };
const ownerTokens: string[] = [];

const sessionOf = (accessToken: string): SessionTokens => ({ accessToken, refreshToken: null, expiresAt: null });
const tokensOf = (token: string) => createTokenStore({ initial: sessionOf(token) });
const clientFor = (tokens: TokenStore, live = false) =>
  createManagementClient({
    uri: stack.gateway.url,
    tokens,
    ssrMode: !live,
    ...(live ? { wsUrl: stack.gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket } : {}),
  });
const clean = (html: string) => html.replace(/<!-- -->/g, "").replace(/&amp;/g, "&");

function tree(client: ApolloClient, tokens: TokenStore, path: string, search: string, children: ReactNode) {
  return (
    <ApolloProvider client={client}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path} ssrSearch={search}>
          {children}
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
}

/** A screen of the app as a signed-in person gets it: every query answered by the real gateway. */
async function render(path: string, token: string, search = "") {
  const tokens = tokensOf(token);
  const { result } = await prerenderStatic({ tree: tree(clientFor(tokens), tokens, path, search, <App />), renderFunction: renderToString });
  return clean(result);
}

/** The vote detail from what `client`'s cache already holds (no request is made). */
function renderCached(client: ApolloClient, tokens: TokenStore, voteId: string) {
  return clean(renderToString(tree(client, tokens, `/hlasovania/${voteId}`, "", <VoteDetail id={voteId} />)));
}

interface CreatedVote {
  id: string;
  options: { id: string; label: string }[];
}

/** A vote created through the app: the form's values, its input conversion and its mutations. */
async function createVote(overrides: Partial<ReturnType<typeof emptyVoteDraft>> = {}, publish = true): Promise<CreatedVote> {
  const client = clientFor(tokensOf(managerToken));
  const checked = createVoteInput({
    ...emptyVoteDraft(building.buildingId, "Áno\nNie\nZdržal(a) sa"),
    title: "Výmena výťahu",
    question: "Súhlasíte s výmenou výťahu za 48 000 €?",
    endsAt: "2099-06-30T18:00",
    ...overrides,
  });
  if ("problem" in checked) throw new Error(checked.problem);
  const created = await client.mutate({ mutation: CreateVoteDocument, variables: { input: checked.input } });
  const id = created.data!.createVote.id;
  if (publish) await client.mutate({ mutation: PublishVoteDocument, variables: { id } });
  const detail = await client.query({ query: VoteDetailDocument, variables: { id } });
  return { id, options: detail.data!.vote.options.map((o) => ({ id: o.id, label: o.label })) };
}

const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`;

beforeAll(async () => {
  stack = await startStack({ redis: true });
  const db = stack.owner.prisma;
  const org = await createOrganization(db, "SVB Hlasovacia");
  const other = await createOrganization(db, "Cudzia správa");
  const manager = await createUser(db, "Mária", "Správcová");
  const otherManager = await createUser(db, "Oto", "Cudzí");
  await addMember(db, org.id, manager.id);
  await addMember(db, other.id, otherManager.id);
  managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
  otherManagerToken = await stack.tokenFor(otherManager.id, other.id, ["manager"]);
  building = await createOwnedBuilding(db, org.id, 3);
  for (const { ownerId } of building.units) ownerTokens.push(await stack.tokenFor(ownerId, org.id, ["owner"]));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("pure rules of the voting screens", () => {
  it("shows a tally only over an older one: versions compare as 64-bit counters, not as text", () => {
    expect(isNewerTally({ version: "3" }, { version: "2" })).toBe(true);
    expect(isNewerTally({ version: "2" }, { version: "2" })).toBe(false);
    expect(isNewerTally({ version: "9" }, { version: "10" })).toBe(false);
    expect(isNewerTally({ version: "10" }, { version: "9" })).toBe(true);
    expect(isNewerTally({ version: "9007199254740993" }, { version: "9007199254740992" })).toBe(true);
    expect(isNewerTally({ version: "1" }, null)).toBe(true);
    expect(isNewerTally({ version: "" }, null)).toBe(false);
    expect(isNewerTally({ version: "abc" }, { version: "1" })).toBe(false);
  });

  it("merges cached tallies: the later version's values win, the older only fills missing fields", () => {
    type Tally = { version: string; participating: number; turnout?: string };
    const version = (t: Tally) => t.version;
    const shown: Tally = { version: "5", participating: 3, turnout: "0.6" };
    expect(mergeTally(shown, { version: "4", participating: 2 }, version)).toEqual({ version: "5", participating: 3, turnout: "0.6" });
    expect(mergeTally(shown, { version: "6", participating: 4 }, version)).toEqual({ version: "6", participating: 4, turnout: "0.6" });
    expect(mergeTally(undefined, { version: "1", participating: 0 }, version)).toEqual({ version: "1", participating: 0 });
  });

  it("turns the create form into the API's input, and names what to fix first", () => {
    const draft = { ...emptyVoteDraft("b-1"), title: " Zateplenie ", options: "Áno\n\n Nie \nÁno", endsAt: "2099-01-31T12:00" };
    expect(createVoteInput(draft)).toEqual({
      input: {
        buildingId: "b-1",
        title: "Zateplenie",
        question: null,
        description: null,
        options: [{ label: "Áno" }, { label: "Nie" }],
        choiceType: "SINGLE",
        matterType: "WRITTEN_BALLOT",
        ruleSetKey: "sk-182-1993",
        isSecret: false,
        allowBallotChange: true,
        endsAt: new Date("2099-01-31T12:00").toISOString(),
      },
    });
    expect(createVoteInput({ ...draft, options: "Áno\nÁno" })).toEqual({ problem: "options" });
    expect(createVoteInput({ ...draft, buildingId: "" })).toEqual({ problem: "building" });
    expect(createVoteInput({ ...draft, endsAt: "" })).toEqual({ problem: "endsAt" });
    expect(createVoteInput({ ...draft, startsAt: "2099-02-01T12:00" })).toEqual({ problem: "order" });
    expect(createVoteInput({ ...draft, choiceType: "MULTIPLE", maxChoices: "3" })).toEqual({ problem: "maxChoices" });
    const multiple = createVoteInput({ ...draft, choiceType: "MULTIPLE", maxChoices: "2", ruleSetKey: "by-share", isSecret: true });
    expect(multiple).toMatchObject({ input: { choiceType: "MULTIPLE", maxChoices: 2, ruleSetKey: "by-share", isSecret: true } });
  });

  it("keeps one choice on a single-choice ballot and toggles choices on a multiple-choice one", () => {
    expect(toggleChoice(["a"], "b", "SINGLE")).toEqual(["b"]);
    expect(toggleChoice(["a"], "b", "MULTIPLE")).toEqual(["a", "b"]);
    expect(toggleChoice(["a", "b"], "a", "MULTIPLE")).toEqual(["b"]);
  });

  it("reads the permissions of a real access token (which controls to show), and none of garbage", () => {
    expect(permissionsOf(managerToken).has("votes:write")).toBe(true);
    expect(permissionsOf(ownerTokens[0]!).has("votes:write")).toBe(false);
    expect(permissionsOf(ownerTokens[0]!).has("votes:cast")).toBe(true);
    expect(permissionsOf("not.a-token").size).toBe(0);
    expect(permissionsOf(null).size).toBe(0);
  });
});

describe("votes list", () => {
  it("lists the organization's votes with building, question and status, filterable by status; another organization sees none", async () => {
    const open = await createVote({ title: "Oprava strechy", question: "Opraviť strechu z fondu opráv?" });
    await createVote({ title: "Nové schránky" }, false);
    const html = await render("/hlasovania", managerToken);
    expect(html).toContain(`href="/hlasovania/${open.id}"`);
    expect(html).toContain("Oprava strechy");
    expect(html).toContain("Opraviť strechu z fondu opráv?");
    expect(html).toContain("Hlasovacia 3, Košice");
    expect(html).toMatch(/<span class="badge vote-published">Prebieha<\/span>/);
    expect(html).toMatch(/<span class="badge vote-draft">Koncept<\/span>/);
    expect(html).toContain("Nové hlasovanie");
    expect(html).toContain(">Hlasovania</a>");

    const drafts = await render("/hlasovania", managerToken, "stav=DRAFT");
    expect(drafts).toContain("Nové schránky");
    expect(drafts).not.toContain("Oprava strechy");

    // An owner sees the published vote of their building, never a draft, and cannot create votes.
    const owner = await render("/hlasovania", ownerTokens[0]!);
    expect(owner).toContain("Oprava strechy");
    expect(owner).not.toContain("Nové schránky");
    expect(owner).not.toContain("Nové hlasovanie");

    const foreign = await render("/hlasovania", otherManagerToken);
    expect(foreign).toContain("0 hlasovaní");
    expect(foreign).not.toContain("Oprava strechy");
  });

  it("is linked from the building detail, filtered to that building", async () => {
    const html = await render(`/budovy/${building.buildingId}`, managerToken);
    expect(html).toContain(`href="/hlasovania?budova=${building.buildingId}"`);
    expect(html).toContain(`href="/hlasovania/nove?budova=${building.buildingId}"`);
  });
});

describe("vote detail", () => {
  it("shows a manager the question, options, the Slovak default rule set, both denominators and the staff actions", async () => {
    const vote = await createVote({ title: "Výmena výťahu", matterType: "ORDINARY" });
    const html = await render(`/hlasovania/${vote.id}`, managerToken);
    expect(html).toContain("Výmena výťahu");
    expect(html).toContain("Súhlasíte s výmenou výťahu za 48 000 €?");
    for (const label of ["Áno", "Nie", "Zdržal(a) sa"]) expect(html).toContain(`<strong>${label}</strong>`);
    expect(html).toContain("Zákon č. 182/1993 Z. z. (jeden hlas za jednotku) (v2)");
    expect(html).toContain("Jeden hlas za jednotku");
    expect(html).toContain("viac ako 1/2 všetkých hlasov");
    expect(html).toContain("viac ako 1/2 zúčastnených hlasov");
    // Both denominators, before anyone voted: 3 eligible votes, none taking part.
    expect(html).toContain("<dt>Všetky hlasy (oprávnené)</dt><dd>3 (3 z 3 jednotiek)</dd>");
    expect(html).toContain("<dt>Zúčastnené hlasy</dt><dd>0 (0 z 3 jednotiek)</dd>");
    expect(html).toContain("Nie je uznášaniaschopné");
    expect(html).toMatch(/<button[^>]*>Ukončiť teraz<\/button>/);
    expect(html).toMatch(/<button[^>]*>Zrušiť hlasovanie<\/button>/);
    expect(html).toContain("Nemáte jednotku, za ktorú by ste v tomto hlasovaní hlasovali.");
    expect(html).not.toContain("Hlasovací lístok");
  });

  it("shows a draft with its publish action and no tally; a foreign manager gets 'not found'", async () => {
    const draft = await createVote({ title: "Koncept zateplenia" }, false);
    const html = await render(`/hlasovania/${draft.id}`, managerToken);
    expect(html).toContain("Koncept zateplenia");
    expect(html).toMatch(/<button[^>]*>Zverejniť a otvoriť<\/button>/);
    expect(html).not.toContain("Výsledky");
    const foreign = await render(`/hlasovania/${draft.id}`, otherManagerToken);
    expect(foreign).toContain("Táto stránka neexistuje.");
    expect(foreign).not.toContain("Koncept zateplenia");
  });

  it("shows share-weighted votes in exact shares", async () => {
    const vote = await createVote({ title: "Podľa podielov", ruleSetKey: "by-share", matterType: "ORDINARY" });
    const tokens = tokensOf(ownerTokens[2]!);
    const client = clientFor(tokens);
    await client.query({ query: VoteDetailDocument, variables: { id: vote.id } });
    await client.mutate({
      mutation: CastBallotDocument,
      variables: { input: { voteId: vote.id, unitId: building.units[2]!.unitId, optionIds: [vote.options[0]!.id] } },
    });
    const html = renderCached(client, tokens, vote.id);
    expect(html).toContain("Podľa podielu na spoločných častiach");
    expect(html).toContain("Podľa veľkosti podielov (v2)");
    // Each unit of the fixture building holds 684/10000 of the common parts.
    expect(html).toContain("<dt>Všetky hlasy (oprávnené)</dt><dd>513/2500 (3 z 3 jednotiek)</dd>");
    expect(html).toContain("<dt>Zúčastnené hlasy</dt><dd>171/2500 (1 z 3 jednotiek)</dd>");
  });

  it("shows an owner their unit and a ballot; casting it through the app's client changes the rendered results", async () => {
    const vote = await createVote({ title: "Nová fasáda", matterType: "ORDINARY", allowBallotChange: false });
    const [yes] = vote.options;
    const tokens = tokensOf(ownerTokens[0]!);
    const client = clientFor(tokens);
    await client.query({ query: VoteDetailDocument, variables: { id: vote.id } });
    const before = renderCached(client, tokens, vote.id);
    expect(before).toContain("Jednotka 1");
    expect(before).toContain("vlastník");
    expect(before).toContain("zatiaľ nehlasovala");
    expect(before).toContain("Hlasovací lístok");
    expect(before).toMatch(/<input type="radio" name="choice" value="[^"]+"/);
    expect(before).not.toMatch(/<button[^>]*>Ukončiť teraz<\/button>/);
    expect(before).toContain("<dt>Zúčastnené hlasy</dt><dd>0 (0 z 3 jednotiek)</dd>");

    const cast = await client.mutate({
      mutation: CastBallotDocument,
      variables: { input: { voteId: vote.id, unitId: building.units[0]!.unitId, optionIds: [yes!.id] } },
    });
    expect(cast.data?.castBallot.revision).toBe(1);

    // Rendered from the cache the ballot's answer updated: no request.
    const queries = stack.queryCount();
    const after = renderCached(client, tokens, vote.id);
    expect(stack.queryCount()).toBe(queries);
    expect(after).toContain('<span class="badge vote-voted">hlasovala</span>');
    expect(after).toContain("Vaša voľba: Áno");
    expect(after).toMatch(/<td>Áno<\/td><td>1<\/td><td>1<\/td><td>33,33\s%<\/td><td>100\s%<\/td>/);
    expect(after).toContain("<dt>Zúčastnené hlasy</dt><dd>1 (1 z 3 jednotiek)</dd>");
    expect(after).toContain("<dt>Všetky hlasy (oprávnené)</dt><dd>3 (3 z 3 jednotiek)</dd>");
    expect(after).toMatch(/<dt>Účasť<\/dt><dd>33,33\s%<\/dd>/);
    // The unit has voted and the vote allows no change: no ballot is offered any more.
    expect(after).not.toContain("Hlasovací lístok");
  });
});

describe("live tally over the app's graphql-ws link", () => {
  it("receives the tally after another owner votes, writes it into the cached vote, and ignores an older one", async () => {
    const vote = await createVote({ title: "Živé sčítanie", matterType: "ORDINARY" });
    const [yes] = vote.options;
    const tokens = tokensOf(ownerTokens[1]!);
    const client = clientFor(tokens, true);
    const initial = await client.query({ query: VoteDetailDocument, variables: { id: vote.id } });
    const received: LiveTally[] = [];
    const applied: boolean[] = [];
    const subscription = client.subscribe({ query: VoteTallyUpdatedDocument, variables: { voteId: vote.id } }).subscribe({
      next: ({ data }) => {
        if (!data) return;
        received.push(data.voteTallyUpdated);
        applied.push(applyLiveTally(client.cache, data.voteTallyUpdated));
      },
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await sleep(50);
      expect(done()).toBe(true);
    };
    try {
      // First the current tally (publishing made version 1): the cache already holds it.
      await until(() => received.length >= 1);
      expect(received[0]).toMatchObject({ voteId: vote.id, version: "1", participatingUnitCount: 0 });
      expect(applied[0]).toBe(false);

      // Two other owners vote over HTTP, outside this client.
      expect(
        (await stack.query(CAST, { input: { voteId: vote.id, unitId: building.units[0]!.unitId, optionIds: [yes!.id] } }, ownerTokens[0]!)).errors,
      ).toBeUndefined();
      await until(() => received.some((t) => t.version === "2"));
      expect(
        (await stack.query(CAST, { input: { voteId: vote.id, unitId: building.units[2]!.unitId, optionIds: [yes!.id] } }, ownerTokens[2]!)).errors,
      ).toBeUndefined();
      await until(() => received.some((t) => t.version === "3"));
      expect(applied.slice(1)).toEqual([true, true]);

      const queries = stack.queryCount();
      const html = renderCached(client, tokens, vote.id);
      expect(stack.queryCount()).toBe(queries);
      expect(html).toContain("verzia 3");
      expect(html).toContain("<dt>Zúčastnené hlasy</dt><dd>2 (2 z 3 jednotiek)</dd>");
      expect(html).toMatch(/<td>Áno<\/td><td>2<\/td><td>2<\/td><td>66,67\s%<\/td><td>100\s%<\/td><td><span class="badge vote-carried">prijatá<\/span><\/td>/);
      expect(html).toContain("Uznášaniaschopnosť dosiahnutá");
      expect(html).toContain("Potrebná väčšina dosiahnutá");
      expect(html).toContain("Návrh bol prijatý");

      // A late, older tally (as a delayed delivery would be) changes nothing.
      const stale = received.find((t) => t.version === "2")!;
      expect(applyLiveTally(client.cache, stale)).toBe(false);
      expect(renderCached(client, tokens, vote.id)).toBe(html);
      // Nor does an older tally in a late query answer: the cache's merge keeps the newer one.
      client.cache.writeQuery({ query: VoteDetailDocument, variables: { id: vote.id }, data: initial.data! });
      const afterStaleAnswer = renderCached(client, tokens, vote.id);
      expect(afterStaleAnswer).toContain("verzia 3");
      expect(afterStaleAnswer).toContain("<dt>Zúčastnené hlasy</dt><dd>2 (2 z 3 jednotiek)</dd>");
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  }, 60_000);
});
