// Identical subscriptions share one execution per event: owners of a building watching one vote's
// tally (same document, variables and permission scope) cost ONE resolution on the subgraph and
// ONE completion on the gateway per ballot, however many they are; a manager (another permission
// scope) watching the same vote is resolved apart. Each group is ONE operation on the subgraph.
// Authorization stays per subscriber: an owner removed from the organization stops getting
// tallies while the rest of its group continues; the group ends upstream with its last member.
// Scopes never mix: another organization's caller never joins a group, on either side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPH_SECRET_HEADER, subscriptionEventStats } from "@ppt/server-kit/edge";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe, type LiveSubscription } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { subscriptionGroupStats } from "../src/subscriptions/groups.ts";
import { UpstreamConnections } from "../src/subscriptions/upstream.ts";

let stack: Stack;
let org: string;
let managerToken: string;

const OWNERS = 6;
const TALLY = `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { version participatingUnitCount options { ballotCount } } }`;
const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`;

beforeAll(async () => {
  stack = await startStack();
  org = (await createOrganization(stack.owner.prisma, "SVB Spoločné odbery")).id;
  const manager = (await createUser(stack.owner.prisma, "Mária", "Správkyňa")).id;
  await addMember(stack.owner.prisma, org, manager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
});

afterAll(() => stack?.stop());

const versionOf = (sub: LiveSubscription) => (sub.events.at(-1)?.data as { voteTallyUpdated?: { version: string } } | undefined)?.voteTallyUpdated?.version;

/** A published vote of the building (a tally to subscribe to). */
async function publishedVote(buildingId: string, title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; options: { id: string }[] }> {
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
    {
      input: {
        buildingId,
        title,
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "ORDINARY",
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...extra,
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  expect(
    (await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { status } }`, { id: created.data.createVote.id }, managerToken)).errors,
  ).toBeUndefined();
  return created.data.createVote;
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe("identical subscriptions", () => {
  it("cost one execution per event on the subgraph and on the gateway per permission scope; a removed owner stops, its group continues", async () => {
    const building = await createOwnedBuilding(stack.owner.prisma, org, OWNERS);
    const tokens = await Promise.all(building.units.map((u) => stack.tokenFor(u.ownerId, org, ["owner"])));
    const vote = await publishedVote(building.buildingId, "Výmena výťahu", { allowBallotChange: true });
    const voteId = vote.id;
    const yes = vote.options[0]!.id;

    const clients = [...tokens, managerToken].map((token) => liveClient(stack.gateway.url, token));
    const opened = subscriptionGroupStats.upstreamOpened;
    const subs = clients.map((client) => subscribe(client, TALLY, { id: voteId }));
    const owners = subs.slice(0, OWNERS);
    const manager = subs[OWNERS]!;
    await Promise.all(subs.map(async (sub) => sub.take(1)));
    const first = versionOf(manager)!;
    expect(subs.map(versionOf)).toEqual(subs.map(() => first));
    // Seven subscribers, two permission scopes: two operations on the subgraph, not seven.
    expect(subscriptionGroupStats.upstreamOpened - opened).toBe(2);
    expect(stack.gateway.subscriptions.groupCount()).toBe(2);
    expect(stack.property.subscriptionServer!.groupCount()).toBe(2);

    const cast = async (unit: number) => stack.query(CAST, { input: { voteId, unitId: building.units[unit]!.unitId, optionIds: [yes] } }, tokens[unit]);
    const subgraphBefore = subscriptionEventStats.executions;
    const gatewayBefore = subscriptionGroupStats.executions;
    expect((await cast(0)).errors).toBeUndefined();
    const second = String(BigInt(first) + 1n);
    await until(() => subs.every((sub) => versionOf(sub) === second), `every subscriber at version ${second}`);
    // Two permission scopes (the owners', the manager's): two executions, not seven.
    expect(subscriptionEventStats.executions - subgraphBefore).toBe(2);
    expect(subscriptionGroupStats.executions - gatewayBefore).toBe(2);
    expect(owners.map((sub) => sub.events.at(-1))).toEqual(owners.map(() => owners[0]!.events.at(-1)));

    // Owner 1 leaves the organization: at the next ballot it is refused, the other owners of its group get the tally.
    await stack.owner.prisma.organizationMember.updateMany({ where: { organizationId: org, userId: building.units[1]!.ownerId }, data: { status: "LEFT" } });
    expect((await cast(2)).errors).toBeUndefined();
    const third = String(BigInt(second) + 1n);
    const staying = subs.filter((_, i) => i !== 1);
    await until(() => staying.every((sub) => versionOf(sub) === third), `the others at version ${third}`);
    const ended = await Promise.race([owners[1]!.ended, sleep(5_000).then(() => ({ error: "still subscribed" }))]);
    expect(ended.error).toBeUndefined();
    expect(owners[1]!.events.at(-1)?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(owners[1]!.events.some((e) => (e.data as { voteTallyUpdated?: { version: string } } | undefined)?.voteTallyUpdated?.version === third)).toBe(false);

    // The last member of each group leaves: the groups end, on the gateway and on the subgraph.
    subs.forEach((sub) => sub.dispose());
    await until(() => stack.gateway.subscriptions.groupCount() === 0 && stack.property.subscriptionServer!.groupCount() === 0, "the groups to end upstream");
    await Promise.all(clients.map(async (client) => client.dispose()));
  });

  it("a member that leaves while its admission is on its way is told to leave the subgraph's group too", async () => {
    const building = await createOwnedBuilding(stack.owner.prisma, org, 2);
    const tokens = await Promise.all(building.units.map((u) => stack.tokenFor(u.ownerId, org, ["owner"])));
    const vote = await publishedVote(building.buildingId, "Nové schránky");
    const voteId = vote.id;
    const clients = tokens.map((token) => liveClient(stack.gateway.url, token));
    const opener = subscribe(clients[0]!, TALLY, { id: voteId });
    await opener.take(1);
    const members = stack.property.subscriptionServer!.groupMemberCount();
    // The second owner leaves the moment its admission is sent upstream, before the subgraph answers it.
    let leaver: LiveSubscription | undefined;
    let admissions = subscriptionGroupStats.admissions;
    Object.defineProperty(subscriptionGroupStats, "admissions", {
      configurable: true,
      get: () => admissions,
      set: (value: number) => {
        admissions = value;
        leaver?.dispose();
      },
    });
    try {
      const sent = admissions;
      leaver = subscribe(clients[1]!, TALLY, { id: voteId });
      await until(() => admissions > sent, "the admission to be sent");
      // The subgraph admits it (a moment later) and must then be told it left.
      await sleep(500);
      await until(() => stack.property.subscriptionServer!.groupMemberCount() === members, "the member that left to leave the subgraph's group");
    } finally {
      Object.defineProperty(subscriptionGroupStats, "admissions", { configurable: true, writable: true, enumerable: true, value: admissions });
    }
    opener.dispose();
    await Promise.all(clients.map(async (client) => client.dispose()));
  });

  it("never mix scopes: another organization's caller with the same document and variables is not let into the group", async () => {
    const building = await createOwnedBuilding(stack.owner.prisma, org, 1);
    const ownerToken = await stack.tokenFor(building.units[0]!.ownerId, org, ["owner"]);
    const vote = await publishedVote(building.buildingId, "Zateplenie");
    const voteId = vote.id;
    // A manager of another organization: the same permissions as this organization's manager.
    const otherOrg = (await createOrganization(stack.owner.prisma, "SVB Iná")).id;
    const stranger = (await createUser(stack.owner.prisma, "Peter", "Cudzí")).id;
    await addMember(stack.owner.prisma, otherOrg, stranger);
    const strangerToken = await stack.tokenFor(stranger, otherOrg, ["manager"]);
    const colleague = (await createUser(stack.owner.prisma, "Jana", "Kolegyňa")).id;
    await addMember(stack.owner.prisma, org, colleague);
    const colleagueToken = await stack.tokenFor(colleague, org, ["manager"]);

    // Through the gateway: this organization's manager has a group; the stranger's subscription is its own, refused.
    const clients = [managerToken, strangerToken].map((token) => liveClient(stack.gateway.url, token));
    const mine = subscribe(clients[0]!, TALLY, { id: voteId });
    await mine.take(1);
    const groups = stack.gateway.subscriptions.groupCount();
    const theirs = subscribe(clients[1]!, TALLY, { id: voteId });
    const ended = await Promise.race([theirs.ended, sleep(10_000).then(() => ({ error: "still subscribed" }))]);
    expect(ended.error).toBeUndefined();
    expect(theirs.events.some((event) => event.data)).toBe(false);
    expect(theirs.events.at(-1)?.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(stack.gateway.subscriptions.groupCount()).toBe(groups);

    // On the subgraph: an admission into an open group refuses a member of another scope (here
    // this organization's owner, and the stranger), whatever the gateway sends; a colleague of the same scope joins.
    const upstream = new UpstreamConnections(
      { property: stack.property.url },
      { [SUBGRAPH_SECRET_HEADER]: stack.config.subgraphSecret ?? "" },
      console as never,
    );
    const primary = `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { version } }`;
    const events: unknown[] = [];
    const close = upstream.subscribe(
      "property",
      {
        query: primary,
        variables: { id: voteId },
        extensions: { authorization: `Bearer ${managerToken}`, group: { id: "test-group", member: "m0" } } as never,
      },
      { next: (event) => void events.push(event), error: () => undefined, complete: () => undefined },
    );
    await until(() => events.length > 0, "the group's first event");
    const answer = await new Promise<{ extensions?: { refused?: Record<string, { extensions?: { code?: string } }[]> } }>((resolve, reject) =>
      upstream.subscribe(
        "property",
        {
          query: primary,
          variables: { id: voteId },
          extensions: {
            admit: {
              group: "test-group",
              members: [
                { id: "owner", identity: { authorization: `Bearer ${ownerToken}` } },
                { id: "stranger", identity: { authorization: `Bearer ${strangerToken}` } },
                { id: "colleague", identity: { authorization: `Bearer ${colleagueToken}` } },
              ],
            },
          } as never,
        },
        { next: (result) => resolve(result as never), error: reject, complete: () => undefined },
      ),
    );
    expect(answer.extensions?.refused?.["owner"]?.[0]?.extensions?.code).toBe("GROUP_GONE");
    expect(answer.extensions?.refused?.["stranger"]?.[0]?.extensions?.code).toBe("GROUP_GONE");
    expect(answer.extensions?.refused?.["colleague"]).toBeUndefined();
    await until(() => events.some((event) => JSON.stringify(event).includes('"joined"')), "the colleague to join");
    const joined = events.flatMap((event) => (event as { extensions?: { joined?: { members: string[] }[] } }).extensions?.joined ?? []);
    expect(joined.flatMap((entry) => entry.members)).toEqual(["colleague"]);
    close();
    await upstream.dispose();
    mine.dispose();
    await Promise.all(clients.map(async (client) => client.dispose()));
  });
});
