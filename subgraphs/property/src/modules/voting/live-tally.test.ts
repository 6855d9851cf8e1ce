// The live tally through the gateway with real graphql-ws clients: a third party subscribed to
// `voteTallyUpdated` first gets the current tally, then one tally per ballot two owners cast over
// HTTP, in order, with rising versions, both denominators, quorum and outcome — under the Slovak
// default rule set (one vote per unit) and the share-weighted one (exact shares). A subscriber of
// another organization is refused exactly as for a vote that does not exist, and a subscriber
// connected through a burst of 20 simultaneous ballots ends on the tally the database gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeTally } from "./index.ts";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe, type LiveSubscription } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let org: string;
let managerToken: string;
let otherManagerToken: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "SVB Živé hlasovanie")).id;
  const otherOrg = (await createOrganization(db, "Cudzia správa")).id;
  const manager = (await createUser(db, "Milan", "Správca")).id;
  const otherManager = (await createUser(db, "Oto", "Cudzí")).id;
  await addMember(db, org, manager);
  await addMember(db, otherOrg, otherManager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
  otherManagerToken = await stack.tokenFor(otherManager, otherOrg, ["manager"]);
});

afterAll(() => stack?.stop());

interface OwnedBuilding {
  buildingId: string;
  units: { unitId: string; ownerId: string }[];
  tokens: string[];
}

async function ownedBuilding(unitCount: number, shares?: [number, number][]): Promise<OwnedBuilding> {
  const building = await createOwnedBuilding(stack.owner.prisma, org, unitCount, shares);
  const tokens = await Promise.all(building.units.map((u) => stack.tokenFor(u.ownerId, org, ["owner"])));
  return { ...building, tokens };
}

interface OpenVote {
  id: string;
  yes: string;
  no: string;
  abstain: string;
}

async function openVote(buildingId: string, input: Record<string, unknown> = {}): Promise<OpenVote> {
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
    {
      input: {
        buildingId,
        title: "Zateplenie domu",
        options: [{ label: "Áno" }, { label: "Nie" }, { label: "Zdržal sa" }],
        matterType: "ORDINARY",
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...input,
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  const published = await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { status } }`, { id: created.data.createVote.id }, managerToken);
  expect(published.errors).toBeUndefined();
  const [yes, no, abstain] = created.data.createVote.options.map((o: { id: string }) => o.id);
  return { id: created.data.createVote.id, yes, no, abstain };
}

const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`;
const cast = (building: OwnedBuilding, vote: OpenVote, unit: number, option: string) =>
  stack.query(CAST, { input: { voteId: vote.id, unitId: building.units[unit]!.unitId, optionIds: [option] } }, building.tokens[unit]);

const TALLY_FIELDS = `voteId version status final outcome quorumReached majorityReached eligibleUnitCount participatingUnitCount
  eligibleWeight { numerator denominator decimal } participatingWeight { numerator denominator decimal } turnout { numerator denominator decimal }
  ruleSet { key weighting quorum { of fraction { numerator denominator } strictlyMore } majority { of fraction { numerator denominator } strictlyMore } }
  options { option { id } ballotCount carried weight { numerator denominator decimal } shareOfEligible { numerator denominator decimal } shareOfParticipating { numerator denominator decimal } }`;
const TALLY_UPDATED = `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { ${TALLY_FIELDS} } }`;

const fraction = (numerator: number | string, denominator: number | string, decimal: string) => ({
  numerator: String(numerator),
  denominator: String(denominator),
  decimal,
});
const option = (id: string, ballotCount: number, weight: object, shareOfEligible: object, shareOfParticipating: object | null, carried = false) => ({
  option: { id },
  ballotCount,
  weight,
  shareOfEligible,
  shareOfParticipating,
  carried,
});
const ZERO = fraction(0, 1, "0");

type Tally = Record<string, any>;
const tallies = (sub: LiveSubscription) => sub.events.map((e) => (e.data as { voteTallyUpdated: Tally } | undefined)?.voteTallyUpdated);

/** Waits until the subscriber holds a tally of `version` (a burst may coalesce the ones before it). */
async function untilVersion(sub: LiveSubscription, version: string, timeoutMs = 15_000): Promise<Tally> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = tallies(sub).at(-1);
    if (last?.version === version) return last;
    if (Date.now() > deadline)
      throw new Error(
        `No tally version ${version}: got ${JSON.stringify(tallies(sub).map((t) => t?.version))} ${JSON.stringify(sub.events.filter((e) => e.errors))}`,
      );
    await sleep(50);
  }
}

function expectRisingVersions(sub: LiveSubscription) {
  const versions = tallies(sub).map((t) => BigInt(t!.version));
  for (let i = 1; i < versions.length; i++) expect(versions[i]! > versions[i - 1]!, `versions ${versions.join(", ")}`).toBe(true);
}

/** The tally as the database says it is now, counted afresh, in the API's shape. */
async function recomputed(voteId: string) {
  const vote = await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: voteId } });
  const tally = await computeTally(stack.owner.prisma, vote);
  return {
    version: vote.tallyVersion.toString(),
    participatingUnitCount: tally.participatingUnitCount,
    participatingWeight: tally.participatingWeight,
    outcome: tally.outcome,
    options: tally.options.map((o) => ({ option: { id: o.optionId }, ballotCount: o.ballotCount, weight: o.weight, carried: o.carried })),
  };
}

describe("voteTallyUpdated through the gateway", () => {
  it("under the Slovak default rule set (sk-182-1993, one vote per unit): the current tally first, then both owners' ballots in order", async () => {
    const building = await ownedBuilding(5);
    const vote = await openVote(building.buildingId);
    // Before anyone watches: one unit votes no (version 1 was publishing, this is 2).
    expect((await cast(building, vote, 4, vote.no)).errors).toBeUndefined();

    const client = liveClient(stack.gateway.url, managerToken);
    const live = subscribe(client, TALLY_UPDATED, { id: vote.id });
    const [current] = await live.take(1);
    expect(current!.errors).toBeUndefined();
    const ruleSet = {
      key: "sk-182-1993",
      weighting: "PER_UNIT",
      quorum: { of: "ALL_ELIGIBLE", fraction: { numerator: 1, denominator: 2 }, strictlyMore: true },
      majority: { of: "PARTICIPATING", fraction: { numerator: 1, denominator: 2 }, strictlyMore: true },
    };
    expect(current!.data.voteTallyUpdated).toEqual({
      voteId: vote.id,
      version: "2",
      status: "PUBLISHED",
      final: false,
      outcome: "NO_QUORUM",
      quorumReached: false,
      majorityReached: false,
      eligibleUnitCount: 5,
      participatingUnitCount: 1,
      eligibleWeight: fraction(5, 1, "5"),
      participatingWeight: fraction(1, 1, "1"),
      turnout: fraction(1, 5, "0.2"),
      ruleSet,
      options: [
        option(vote.yes, 0, ZERO, ZERO, ZERO),
        option(vote.no, 1, fraction(1, 1, "1"), fraction(1, 5, "0.2"), fraction(1, 1, "1")),
        option(vote.abstain, 0, ZERO, ZERO, ZERO),
      ],
    });

    // Two owners vote over HTTP, one after the other.
    expect((await cast(building, vote, 0, vote.yes)).errors).toBeUndefined();
    const [, afterFirst] = await live.take(2);
    expect((await cast(building, vote, 1, vote.yes)).errors).toBeUndefined();
    const [, , afterSecond] = await live.take(3);

    // 2 of 5 units: no quorum (§ 14a needs more than half of ALL votes).
    expect(afterFirst!.data.voteTallyUpdated).toMatchObject({
      version: "3",
      outcome: "NO_QUORUM",
      quorumReached: false,
      majorityReached: false,
      participatingUnitCount: 2,
      eligibleWeight: fraction(5, 1, "5"),
      participatingWeight: fraction(2, 1, "2"),
      turnout: fraction(2, 5, "0.4"),
      options: [
        option(vote.yes, 1, fraction(1, 1, "1"), fraction(1, 5, "0.2"), fraction(1, 2, "0.5")),
        option(vote.no, 1, fraction(1, 1, "1"), fraction(1, 5, "0.2"), fraction(1, 2, "0.5")),
        option(vote.abstain, 0, ZERO, ZERO, ZERO),
      ],
    });
    // 3 of 5: quorum; yes has 2 of the 3 votes taking part (> 1/2, § 14b ods. 4) and carries.
    expect(afterSecond!.data.voteTallyUpdated).toMatchObject({
      version: "4",
      status: "PUBLISHED",
      final: false,
      outcome: "OPTION_CARRIED",
      quorumReached: true,
      majorityReached: true,
      eligibleUnitCount: 5,
      participatingUnitCount: 3,
      eligibleWeight: fraction(5, 1, "5"),
      participatingWeight: fraction(3, 1, "3"),
      turnout: fraction(3, 5, "0.6"),
      options: [
        option(vote.yes, 2, fraction(2, 1, "2"), fraction(2, 5, "0.4"), fraction(2, 3, "0.666667"), true),
        option(vote.no, 1, fraction(1, 1, "1"), fraction(1, 5, "0.2"), fraction(1, 3, "0.333333")),
        option(vote.abstain, 0, ZERO, ZERO, fraction(0, 1, "0")),
      ],
    });

    // Closing by staff: the final tally, one version more.
    const closed = await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { status } }`, { id: vote.id }, managerToken);
    expect(closed.errors).toBeUndefined();
    const [, , , final] = await live.take(4);
    expect(final!.data.voteTallyUpdated).toMatchObject({ version: "5", status: "CLOSED", final: true, outcome: "OPTION_CARRIED", participatingUnitCount: 3 });
    expect(tallies(live).map((t) => t!.version)).toEqual(["2", "3", "4", "5"]);
    expect(tallies(live).at(-1)).toMatchObject(await recomputed(vote.id));
    live.dispose();
    await client.dispose();
  });

  it("under the share-weighted rule set (by-share): units weigh their exact shares, and the shares decide what one vote per unit would not", async () => {
    // Shares of the common parts 1/10, 1/5, 3/10, 2/5 (they add up to exactly 1).
    const building = await ownedBuilding(4, [
      [1, 10],
      [2, 10],
      [3, 10],
      [4, 10],
    ]);
    const vote = await openVote(building.buildingId, { ruleSetKey: "by-share" });
    // A fellow owner (unit 1/10) watches.
    const client = liveClient(stack.gateway.url, building.tokens[0]!);
    const live = subscribe(client, TALLY_UPDATED, { id: vote.id });
    const [current] = await live.take(1);
    expect(current!.errors).toBeUndefined();
    expect(current!.data.voteTallyUpdated).toEqual({
      voteId: vote.id,
      version: "1",
      status: "PUBLISHED",
      final: false,
      outcome: "NO_QUORUM",
      quorumReached: false,
      majorityReached: false,
      eligibleUnitCount: 4,
      participatingUnitCount: 0,
      eligibleWeight: fraction(1, 1, "1"),
      participatingWeight: ZERO,
      turnout: ZERO,
      ruleSet: {
        key: "by-share",
        weighting: "BY_SHARE",
        quorum: { of: "ALL_ELIGIBLE", fraction: { numerator: 1, denominator: 2 }, strictlyMore: true },
        majority: { of: "PARTICIPATING", fraction: { numerator: 1, denominator: 2 }, strictlyMore: true },
      },
      // Nobody has voted: a share of the votes taking part is undefined, not zero.
      options: [option(vote.yes, 0, ZERO, ZERO, null), option(vote.no, 0, ZERO, ZERO, null), option(vote.abstain, 0, ZERO, ZERO, null)],
    });

    // The 2/5 unit votes yes, then the 1/5 unit votes no.
    expect((await cast(building, vote, 3, vote.yes)).errors).toBeUndefined();
    const [, afterFirst] = await live.take(2);
    expect((await cast(building, vote, 1, vote.no)).errors).toBeUndefined();
    const [, , afterSecond] = await live.take(3);

    // 2/5 of all shares taking part: not more than half, no quorum.
    expect(afterFirst!.data.voteTallyUpdated).toMatchObject({
      version: "2",
      outcome: "NO_QUORUM",
      quorumReached: false,
      participatingUnitCount: 1,
      eligibleWeight: fraction(1, 1, "1"),
      participatingWeight: fraction(2, 5, "0.4"),
      turnout: fraction(2, 5, "0.4"),
      options: [
        option(vote.yes, 1, fraction(2, 5, "0.4"), fraction(2, 5, "0.4"), fraction(1, 1, "1")),
        option(vote.no, 0, ZERO, ZERO, ZERO),
        option(vote.abstain, 0, ZERO, ZERO, ZERO),
      ],
    });
    // 3/5 taking part (> 1/2: quorum); yes holds 2/5 ÷ 3/5 = 2/3 of them and carries —
    // one vote per unit would have been a 1 : 1 tie.
    expect(afterSecond!.data.voteTallyUpdated).toMatchObject({
      version: "3",
      outcome: "OPTION_CARRIED",
      quorumReached: true,
      majorityReached: true,
      eligibleUnitCount: 4,
      participatingUnitCount: 2,
      eligibleWeight: fraction(1, 1, "1"),
      participatingWeight: fraction(3, 5, "0.6"),
      turnout: fraction(3, 5, "0.6"),
      options: [
        option(vote.yes, 1, fraction(2, 5, "0.4"), fraction(2, 5, "0.4"), fraction(2, 3, "0.666667"), true),
        option(vote.no, 1, fraction(1, 5, "0.2"), fraction(1, 5, "0.2"), fraction(1, 3, "0.333333")),
        option(vote.abstain, 0, ZERO, ZERO, ZERO),
      ],
    });
    expect(tallies(live).map((t) => t!.version)).toEqual(["1", "2", "3"]);
    expect(tallies(live).at(-1)).toMatchObject(await recomputed(vote.id));
    live.dispose();
    await client.dispose();
  });
});

describe("who may subscribe", () => {
  /** What a subscriber is told, without the parts that name the vote id asked for. */
  async function refusal(token: string, voteId: string) {
    const client = liveClient(stack.gateway.url, token);
    const live = subscribe(client, TALLY_UPDATED, { id: voteId });
    const ended = await Promise.race([live.ended, sleep(5_000).then(() => ({ error: "still subscribed after 5 s" }))]);
    await sleep(100);
    const seen = { events: live.events, error: JSON.parse(JSON.stringify(ended.error ?? null)), closes: [...client.closes] };
    await client.dispose();
    return seen;
  }

  it("refuses a subscriber of another organization exactly as it refuses a vote that does not exist (NOT_FOUND, connection kept)", async () => {
    const building = await ownedBuilding(2);
    const vote = await openVote(building.buildingId);
    // A subscriber of the vote's own organization is watching: its feed is open in the subgraph.
    const insiderClient = liveClient(stack.gateway.url, managerToken);
    const insider = subscribe(insiderClient, TALLY_UPDATED, { id: vote.id });
    await insider.take(1);

    const foreign = await refusal(otherManagerToken, vote.id);
    const missing = await refusal(otherManagerToken, crypto.randomUUID());
    expect(JSON.stringify(foreign)).toContain("NOT_FOUND");
    expect(JSON.stringify(foreign)).not.toContain("Zateplenie");
    expect(foreign).toEqual(missing);
    // Nothing ever reached the outsider: no tally.
    expect(foreign.events.every((e) => !e.data)).toBe(true);
    expect(foreign.closes).not.toContain(4403);

    // A member of the same organization who may not see the vote (a resident of another building)
    // is refused the same way, even though a feed for the vote is already open.
    const elsewhere = await ownedBuilding(1);
    expect(await refusal(elsewhere.tokens[0]!, vote.id)).toEqual(missing);

    insider.dispose();
    await insiderClient.dispose();
  });
});

describe("authorization at every change", () => {
  it("ends the subscription of a member removed from the organization at the next ballot; the others get the tally", async () => {
    const building = await ownedBuilding(2);
    const vote = await openVote(building.buildingId);
    const leaving = (await createUser(stack.owner.prisma, "Lea", "Odchádzajúca")).id;
    await addMember(stack.owner.prisma, org, leaving);
    const leavingClient = liveClient(stack.gateway.url, await stack.tokenFor(leaving, org, ["manager"]));
    const stayingClient = liveClient(stack.gateway.url, managerToken);
    const removed = subscribe(leavingClient, TALLY_UPDATED, { id: vote.id });
    const staying = subscribe(stayingClient, TALLY_UPDATED, { id: vote.id });
    const [first] = await removed.take(1);
    await staying.take(1);
    const before = (first!.data as { voteTallyUpdated: Tally }).voteTallyUpdated.version as string;

    await stack.owner.prisma.organizationMember.updateMany({ where: { organizationId: org, userId: leaving }, data: { status: "LEFT" } });
    expect((await cast(building, vote, 0, vote.yes)).errors).toBeUndefined();
    expect((await untilVersion(staying, String(BigInt(before) + 1n))).participatingUnitCount).toBe(1);
    const ended = await Promise.race([removed.ended, sleep(5_000).then(() => ({ error: "still subscribed" }))]);
    expect(ended.error).toBeUndefined();
    // The current tally it had, then the refusal: never the tally after its removal.
    expect(
      tallies(removed)
        .filter(Boolean)
        .map((t) => t!.version),
    ).toEqual([before]);
    expect(removed.events.at(-1)?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    staying.dispose();
    await Promise.all([leavingClient.dispose(), stayingClient.dispose()]);
  });
});

describe("20 simultaneous ballots for the same unit with a subscriber connected", () => {
  it("leave exactly one ballot, and the last tally the subscriber holds equals the one computed from the database", async () => {
    const building = await ownedBuilding(3);
    const vote = await openVote(building.buildingId, { allowBallotChange: false });
    const client = liveClient(stack.gateway.url, managerToken);
    const live = subscribe(client, TALLY_UPDATED, { id: vote.id });
    await live.take(1);

    const choices = [vote.yes, vote.no, vote.abstain];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => cast(building, vote, 0, choices[i % 3]!)));
    expect(responses.filter((r) => !r.errors)).toHaveLength(1);
    expect(responses.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(19);
    expect(await stack.owner.prisma.ballot.count({ where: { voteId: vote.id } })).toBe(1);

    const last = await untilVersion(live, "2");
    const fresh = await recomputed(vote.id);
    expect(fresh.version).toBe("2");
    expect(last).toMatchObject(fresh);
    expect(last.participatingUnitCount).toBe(1);
    // Nothing after it: the 19 refused ballots made no version.
    await sleep(500);
    expect(tallies(live).map((t) => t!.version)).toEqual(["1", "2"]);
    live.dispose();
    await client.dispose();
  });

  it("applied one at a time when changes are allowed: versions only rise, and the subscriber ends on version 21 = the database's tally", async () => {
    const building = await ownedBuilding(3);
    const vote = await openVote(building.buildingId, { allowBallotChange: true });
    const clients = [liveClient(stack.gateway.url, managerToken), liveClient(stack.gateway.url, building.tokens[1]!)];
    const subs = clients.map((client) => subscribe(client, TALLY_UPDATED, { id: vote.id }));
    await Promise.all(subs.map((sub) => sub.take(1)));

    const choices = [vote.yes, vote.no, vote.abstain];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => cast(building, vote, 0, choices[i % 3]!)));
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const ballots = await stack.owner.prisma.ballot.findMany({ where: { voteId: vote.id } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.revision).toBe(20);

    const fresh = await recomputed(vote.id);
    expect(fresh.version).toBe("21");
    for (const sub of subs) {
      const last = await untilVersion(sub, "21");
      expect(last).toMatchObject(fresh);
      expectRisingVersions(sub);
    }
    subs.forEach((sub) => sub.dispose());
    await Promise.all(clients.map(async (client) => client.dispose()));
  });
});
