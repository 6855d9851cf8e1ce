// Identical subscriptions share one execution per event: owners of a building watching one vote's
// tally (same document, variables and permission scope) cost ONE resolution on the subgraph and
// ONE completion on the gateway per ballot, however many they are; a manager (another permission
// scope) watching the same vote is resolved apart. Authorization stays per subscriber: an owner
// removed from the organization stops getting tallies while the rest of its group continues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionEventStats } from "@ppt/server-kit/edge";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe, type LiveSubscription } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { subscriptionGroupStats } from "../src/subscriptions/groups.ts";

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
    const created = await stack.query(
      `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
      {
        input: {
          buildingId: building.buildingId,
          title: "Výmena výťahu",
          options: [{ label: "Áno" }, { label: "Nie" }],
          matterType: "ORDINARY",
          allowBallotChange: true,
          endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      managerToken,
    );
    expect(created.errors).toBeUndefined();
    const voteId: string = created.data.createVote.id;
    const yes: string = created.data.createVote.options[0].id;
    expect((await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { status } }`, { id: voteId }, managerToken)).errors).toBeUndefined();

    const clients = [...tokens, managerToken].map((token) => liveClient(stack.gateway.url, token));
    const subs = clients.map((client) => subscribe(client, TALLY, { id: voteId }));
    const owners = subs.slice(0, OWNERS);
    const manager = subs[OWNERS]!;
    await Promise.all(subs.map(async (sub) => sub.take(1)));
    const first = versionOf(manager)!;
    expect(subs.map(versionOf)).toEqual(subs.map(() => first));

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

    subs.forEach((sub) => sub.dispose());
    await Promise.all(clients.map(async (client) => client.dispose()));
  });
});
