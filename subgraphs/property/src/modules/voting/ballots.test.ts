// Voting end to end through the gateway: one ballot per unit even under 20 simultaneous casts,
// CONFLICT or in-place change on a second ballot, a tally version that rises by one per ballot
// with the stored tally always equal to one recomputed from the database, secret votes that
// never reveal who chose what, share-weighted counting in exact fractions, and another
// organization that cannot even find the vote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeTally } from "./index.ts";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let org: string;
let managerToken: string;
let otherManagerToken: string;
let building: { buildingId: string; units: { unitId: string; ownerId: string }[] };
const ownerTokens: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "SVB Hlasovanie")).id;
  const otherOrg = (await createOrganization(db, "Iná správa")).id;
  const manager = (await createUser(db, "Mária", "Správcová")).id;
  const otherManager = (await createUser(db, "Peter", "Cudzí")).id;
  await addMember(db, org, manager);
  await addMember(db, otherOrg, otherManager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
  otherManagerToken = await stack.tokenFor(otherManager, otherOrg, ["manager"]);
  building = await createOwnedBuilding(db, org, 5);
  for (const { ownerId } of building.units) ownerTokens.push(await stack.tokenFor(ownerId, org, ["owner"]));
});

afterAll(() => stack?.stop());

interface OpenVote {
  id: string;
  yes: string;
  no: string;
  abstain: string;
}

async function openVote(input: Record<string, unknown> = {}, buildingId = building.buildingId): Promise<OpenVote> {
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id status options { id label } } }`,
    {
      input: {
        buildingId,
        title: "Výmena výťahu",
        question: "Súhlasíte s výmenou výťahu?",
        options: [{ label: "Áno" }, { label: "Nie" }, { label: "Zdržal sa" }],
        matterType: "ORDINARY",
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...input,
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  expect(created.data.createVote.status).toBe("DRAFT");
  const published = await stack.query(
    `mutation ($id: ID!) { publishVote(id: $id) { status eligibleUnitCount } }`,
    { id: created.data.createVote.id },
    managerToken,
  );
  expect(published.errors).toBeUndefined();
  expect(published.data.publishVote.status).toBe("PUBLISHED");
  const [yes, no, abstain] = created.data.createVote.options.map((o: { id: string }) => o.id);
  return { id: created.data.createVote.id, yes, no, abstain };
}

const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id revision isPaper choices { id } } }`;
const cast = (vote: OpenVote, owner: number, optionIds: string[]) =>
  stack.query(CAST, { input: { voteId: vote.id, unitId: building.units[owner]!.unitId, optionIds } }, ownerTokens[owner]);

const RESULTS = `query ($id: ID!) { voteResults(id: $id) {
  version final outcome quorumReached majorityReached eligibleUnitCount participatingUnitCount
  eligibleWeight { numerator denominator decimal } participatingWeight { numerator denominator decimal } turnout { numerator denominator decimal }
  ruleSet { key version weighting basis quorum { of fraction { numerator denominator } strictlyMore } majority { of fraction { numerator denominator } strictlyMore } }
  options { option { id label } ballotCount carried weight { numerator denominator decimal } shareOfEligible { numerator denominator decimal } shareOfParticipating { numerator denominator decimal } }
} }`;
const results = async (voteId: string, token = managerToken) => {
  const response = await stack.query(RESULTS, { id: voteId }, token);
  expect(response.errors).toBeUndefined();
  return response.data.voteResults;
};

/** The tally as the database says it is now, counted afresh (not the stored snapshot). */
async function recomputed(voteId: string) {
  const vote = await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: voteId } });
  return computeTally(stack.owner.prisma, vote);
}

const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe("one ballot per unit", () => {
  it("refuses a second ballot for the same unit with CONFLICT when the vote does not allow changes", async () => {
    const vote = await openVote({ allowBallotChange: false });
    const first = await cast(vote, 0, [vote.yes]);
    expect(first.errors).toBeUndefined();
    expect(first.data.castBallot).toMatchObject({ revision: 1, isPaper: false, choices: [{ id: vote.yes }] });
    const second = await cast(vote, 0, [vote.no]);
    expect(code(second)).toBe("CONFLICT");
    const ballots = await stack.owner.prisma.ballot.findMany({ where: { voteId: vote.id }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.choices.map((c) => c.optionId)).toEqual([vote.yes]);
    expect((await results(vote.id)).options[0]).toMatchObject({ ballotCount: 1 });
  });

  it("replaces the unit's ballot in place (same row, revision + 1) when the vote allows changes", async () => {
    const vote = await openVote({ allowBallotChange: true });
    const first = await cast(vote, 1, [vote.yes]);
    const changed = await cast(vote, 1, [vote.no]);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.castBallot).toMatchObject({ id: first.data.castBallot.id, revision: 2, choices: [{ id: vote.no }] });
    const tally = await results(vote.id);
    expect(tally.options.map((o: { ballotCount: number }) => o.ballotCount)).toEqual([0, 1, 0]);
    expect(tally.participatingUnitCount).toBe(1);
  });

  it("leaves exactly one ballot when 20 casts for the same unit arrive at once, and the tally equals one recomputed from the database", async () => {
    const vote = await openVote({ allowBallotChange: false });
    const choices = [vote.yes, vote.no, vote.abstain];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => cast(vote, 2, [choices[i % 3]!])));
    const succeeded = responses.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    expect(responses.filter((r) => code(r) === "CONFLICT")).toHaveLength(19);
    const ballots = await stack.owner.prisma.ballot.findMany({ where: { voteId: vote.id }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.choices).toHaveLength(1);
    expect(ballots[0]!.choices[0]!.optionId).toBe(succeeded[0]!.data.castBallot.choices[0].id);

    const stored = await results(vote.id);
    const fresh = await recomputed(vote.id);
    expect(stored.participatingUnitCount).toBe(fresh.participatingUnitCount);
    expect(stored.options.map((o: { ballotCount: number; weight: unknown }) => [o.ballotCount, o.weight])).toEqual(
      fresh.options.map((o) => [o.ballotCount, o.weight]),
    );
    // Publishing made version 1; only the one accepted ballot made another.
    expect(stored.version).toBe("2");
  });

  it("applies 20 simultaneous changes one at a time when changes are allowed: one row, revision 20, one version each", async () => {
    const vote = await openVote({ allowBallotChange: true });
    const choices = [vote.yes, vote.no, vote.abstain];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => cast(vote, 3, [choices[i % 3]!])));
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const ballots = await stack.owner.prisma.ballot.findMany({ where: { voteId: vote.id }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.revision).toBe(20);
    expect(ballots[0]!.choices).toHaveLength(1);
    const revisions = responses.map((r) => r.data.castBallot.revision as number).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await results(vote.id);
    expect(stored.version).toBe("21");
    const fresh = await recomputed(vote.id);
    expect(stored.options.map((o: { ballotCount: number }) => o.ballotCount)).toEqual(fresh.options.map((o) => o.ballotCount));
    expect(fresh.options.find((o) => o.ballotCount === 1)!.optionId).toBe(ballots[0]!.choices[0]!.optionId);
  });
});

describe("the live tally", () => {
  it("raises the tally version by exactly one per ballot, with a vote.tally_updated event in the outbox for each (no subscriber needed)", async () => {
    const vote = await openVote();
    const versions = [(await results(vote.id)).version];
    for (const [owner, option] of [
      [0, vote.yes],
      [1, vote.yes],
      [2, vote.no],
      [0, vote.no],
    ] as const) {
      expect((await cast(vote, owner, [option])).errors).toBeUndefined();
      versions.push((await results(vote.id)).version);
    }
    expect(versions).toEqual(["1", "2", "3", "4", "5"]);
    const row = await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: vote.id } });
    expect(row.tallyVersion).toBe(5n);
    const events = await stack.owner.prisma.outboxEvent.findMany({
      where: { aggregateId: vote.id, eventType: "vote.tally_updated" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => (e.payload as { version: string }).version)).toEqual(["1", "2", "3", "4", "5"]);
    expect(
      events.every(
        (e) =>
          e.organizationId === org &&
          (e.payload as { voteId: string; organizationId: string }).voteId === vote.id &&
          (e.payload as { organizationId: string }).organizationId === org,
      ),
    ).toBe(true);
    // A refused ballot changes nothing: no version, no event.
    expect(
      code(await stack.query(CAST, { input: { voteId: vote.id, unitId: building.units[0]!.unitId, optionIds: [vote.yes, vote.no] } }, ownerTokens[0])),
    ).toBe("BAD_USER_INPUT");
    expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: vote.id } })).tallyVersion).toBe(5n);
  });

  it("carries both denominators, the rule applied, and decides by it (§ 14b ods. 4 with the § 14a quorum)", async () => {
    const vote = await openVote();
    await cast(vote, 0, [vote.yes]);
    await cast(vote, 1, [vote.yes]);
    const early = await results(vote.id);
    // 2 of 5 units: no quorum yet.
    expect(early).toMatchObject({
      final: false,
      outcome: "NO_QUORUM",
      quorumReached: false,
      eligibleUnitCount: 5,
      participatingUnitCount: 2,
      eligibleWeight: { numerator: "5", denominator: "1" },
      participatingWeight: { numerator: "2", denominator: "1" },
      turnout: { numerator: "2", denominator: "5", decimal: "0.4" },
      ruleSet: {
        key: "sk-182-1993",
        version: 2,
        weighting: "PER_UNIT",
        quorum: { of: "ALL_ELIGIBLE", fraction: { numerator: 1, denominator: 2 }, strictlyMore: true },
      },
    });
    await cast(vote, 2, [vote.no]);
    const decided = await results(vote.id);
    expect(decided).toMatchObject({ quorumReached: true, majorityReached: true, outcome: "OPTION_CARRIED" });
    expect(decided.options[0]).toMatchObject({
      option: { label: "Áno" },
      carried: true,
      shareOfParticipating: { numerator: "2", denominator: "3" },
      shareOfEligible: { numerator: "2", denominator: "5" },
    });
    const closed = await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { status results { final outcome version } } }`, { id: vote.id }, managerToken);
    expect(closed.data.closeVote).toEqual({
      status: "CLOSED",
      results: { final: true, outcome: "OPTION_CARRIED", version: String(Number(decided.version) + 1) },
    });
    expect(code(await cast(vote, 3, [vote.yes]))).toBe("CONFLICT");
  });
});

describe("secret votes", () => {
  it("never reveal who chose what: results are aggregates, a ballot is shown only to its voter, the record has no choices", async () => {
    const vote = await openVote({ isSecret: true, matterType: "ABSOLUTE_MAJORITY" });
    await cast(vote, 0, [vote.yes]);
    await cast(vote, 1, [vote.no]);
    await cast(vote, 2, [vote.yes]);
    const view = await stack.query(
      `query ($id: ID!) { vote(id: $id) { isSecret myBallots { id } results { options { option { id } ballotCount } } } }`,
      { id: vote.id },
      managerToken,
    );
    expect(view.data.vote.isSecret).toBe(true);
    expect(view.data.vote.myBallots).toEqual([]);
    const text = JSON.stringify(view.data) + JSON.stringify(await results(vote.id));
    for (const { unitId, ownerId } of building.units) {
      expect(text).not.toContain(unitId);
      expect(text).not.toContain(ownerId);
    }
    // Each voter sees their own ballot and nobody else's.
    const mine = await stack.query(
      `query ($id: ID!) { vote(id: $id) { myBallots { unit { id } choices { id } } myVotingUnits { unit { id } ballotCast right } } }`,
      { id: vote.id },
      ownerTokens[1],
    );
    expect(mine.data.vote.myBallots).toEqual([{ unit: { id: building.units[1]!.unitId }, choices: [{ id: vote.no }] }]);
    expect(mine.data.vote.myVotingUnits).toEqual([{ unit: { id: building.units[1]!.unitId }, ballotCast: true, right: "OWNER" }]);
    const notYet = await stack.query(`query ($id: ID!) { vote(id: $id) { myBallots { id } myVotingUnits { ballotCast } } }`, { id: vote.id }, ownerTokens[4]);
    expect(notYet.data.vote).toEqual({ myBallots: [], myVotingUnits: [{ ballotCast: false }] });

    await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: vote.id }, managerToken);
    const record = await stack.query(
      `query ($id: ID!) { voteRecord(id: $id) { csv units { designation ballot { isPaper choices { id } } } } }`,
      { id: vote.id },
      managerToken,
    );
    expect(record.errors).toBeUndefined();
    const voted = record.data.voteRecord.units.filter((u: { ballot: unknown }) => u.ballot);
    expect(voted).toHaveLength(3);
    expect(voted.every((u: { ballot: { choices: unknown } }) => u.ballot.choices === null)).toBe(true);
    const [header, ...rows] = record.data.voteRecord.csv.trim().split("\n");
    expect(header).not.toContain("choices");
    expect(rows).toHaveLength(5);
    expect(record.data.voteRecord.csv).not.toMatch(/Áno|Nie/);
  });
});

describe("share-weighted counting (by-share v1)", () => {
  it("weighs units by their exact share of the common parts", async () => {
    const db = stack.owner.prisma;
    const weighted = await createOwnedBuilding(db, org, 3, [
      [6523, 10000],
      [17385, 100000],
      [17385, 100000],
    ]);
    const tokens = await Promise.all(weighted.units.map((u) => stack.tokenFor(u.ownerId, org, ["owner"])));
    const vote = await openVote({ ruleSetKey: "by-share", matterType: "QUALIFIED_TWO_THIRDS" }, weighted.buildingId);
    const castFor = (i: number, option: string) =>
      stack.query(CAST, { input: { voteId: vote.id, unitId: weighted.units[i]!.unitId, optionIds: [option] } }, tokens[i]);
    expect((await castFor(0, vote.yes)).errors).toBeUndefined();
    const one = await results(vote.id);
    expect(one.ruleSet).toMatchObject({
      key: "by-share",
      weighting: "BY_SHARE",
      majority: { of: "ALL_ELIGIBLE", fraction: { numerator: 2, denominator: 3 }, strictlyMore: false },
    });
    expect(one.eligibleWeight).toEqual({ numerator: "1", denominator: "1", decimal: "1" });
    expect(one.options[0]).toMatchObject({ weight: { numerator: "6523", denominator: "10000", decimal: "0.6523" }, carried: false });
    await castFor(1, vote.yes);
    const two = await results(vote.id);
    // 6523/10000 + 17385/100000 = 82615/100000 = 16523/20000 ≥ 2/3
    expect(two.options[0]).toMatchObject({ weight: { numerator: "16523", denominator: "20000", decimal: "0.82615" }, carried: true });
    expect(two.outcome).toBe("OPTION_CARRIED");
  });
});

describe("another organization", () => {
  it("cannot find the vote: NOT_FOUND for reading, results, ballots, comments and closing", async () => {
    const vote = await openVote();
    expect(code(await stack.query(`query ($id: ID!) { vote(id: $id) { id } }`, { id: vote.id }, otherManagerToken))).toBe("NOT_FOUND");
    expect(code(await stack.query(`query ($id: ID!) { voteResults(id: $id) { version } }`, { id: vote.id }, otherManagerToken))).toBe("NOT_FOUND");
    expect(
      code(
        await stack.query(
          CAST,
          { input: { voteId: vote.id, unitId: building.units[0]!.unitId, optionIds: [vote.yes], paper: true, onBehalfOf: building.units[0]!.ownerId } },
          otherManagerToken,
        ),
      ),
    ).toBe("NOT_FOUND");
    expect(code(await stack.query(`mutation ($id: ID!) { commentOnVote(voteId: $id, body: "Ahoj") { id } }`, { id: vote.id }, otherManagerToken))).toBe(
      "NOT_FOUND",
    );
    expect(code(await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: vote.id }, otherManagerToken))).toBe("NOT_FOUND");
    const list = await stack.query(`{ votes(first: 100) { totalCount edges { node { id } } } }`, {}, otherManagerToken);
    expect(list.data.votes.totalCount).toBe(0);
    expect(await stack.owner.prisma.ballot.count({ where: { voteId: vote.id } })).toBe(0);
    expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: vote.id } })).status).toBe("PUBLISHED");
  });
});
