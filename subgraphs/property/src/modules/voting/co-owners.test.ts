// Co-owners of one flat cast its one vote (Act 182/1993 Coll. § 14 ods. 2): when the second
// co-owner replaces the first one's ballot, the first sees the unit's current ballot and who cast
// it, the replacement is recorded (revision), and the other co-owners are told through the
// outbox event `vote.unit_ballot_replaced`, which names them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let unitId: string;
let first: { id: string; token: string };
let second: { id: string; token: string };
let voteId: string;
let yes: string;
let no: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db, "SVB Spoluvlastníci")).id;
  const manager = (await createUser(db, "Mária", "Správcová")).id;
  await addMember(db, org, manager);
  const building = await createOwnedBuilding(db, org, 2);
  unitId = building.units[0]!.unitId;
  const firstId = building.units[0]!.ownerId;
  const secondId = (await createUser(db, "Zuzana", "Spoluvlastníčka")).id;
  await addMember(db, org, secondId);
  await db.unitOwnership.updateMany({ where: { unitId, userId: firstId }, data: { shareNumerator: 1, shareDenominator: 2 } });
  await addOwnership(db, org, unitId, secondId, [1, 2]);
  first = { id: firstId, token: await stack.tokenFor(firstId, org, ["owner"]) };
  second = { id: secondId, token: await stack.tokenFor(secondId, org, ["owner"]) };
  const managerToken = await stack.tokenFor(manager, org, ["manager"]);
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
    {
      input: {
        buildingId: building.buildingId,
        title: "Zateplenie",
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "ORDINARY",
        allowBallotChange: true,
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  voteId = created.data.createVote.id;
  [yes, no] = created.data.createVote.options.map((o: { id: string }) => o.id);
  const published = await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id: voteId }, managerToken);
  expect(published.errors).toBeUndefined();
});
afterAll(() => stack?.stop());

const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id revision } }`;
const MY_UNITS = `query ($id: ID!) { vote(id: $id) { myVotingUnits { unit { id } ballotCast ballot { choices { id } castBy { id } castAt revision } } } }`;

describe("co-owners of one unit", () => {
  it("the second co-owner's ballot replaces the first's: both see the unit's ballot and who cast it, the first is told", async () => {
    const a = await stack.query(CAST, { input: { voteId, unitId, optionIds: [yes] } }, first.token);
    expect(a.errors).toBeUndefined();
    const b = await stack.query(CAST, { input: { voteId, unitId, optionIds: [no] } }, second.token);
    expect(b.errors).toBeUndefined();
    expect(b.data.castBallot.revision).toBe(2);

    for (const who of [first, second]) {
      const seen = await stack.query(MY_UNITS, { id: voteId }, who.token);
      expect(seen.errors).toBeUndefined();
      const [unit] = seen.data.vote.myVotingUnits;
      expect(unit.unit.id).toBe(unitId);
      expect(unit.ballot).toMatchObject({ choices: [{ id: no }], castBy: { id: second.id }, revision: 2 });
    }

    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { eventType: "vote.unit_ballot_replaced", aggregateId: voteId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ voteId, unitId, revision: 2, castById: second.id, replacedCastById: first.id, recipients: [first.id] });
  });

  it("a co-owner changing their own ballot tells nobody", async () => {
    const again = await stack.query(CAST, { input: { voteId, unitId, optionIds: [yes] } }, second.token);
    expect(again.errors).toBeUndefined();
    expect(await stack.owner.prisma.outboxEvent.count({ where: { eventType: "vote.unit_ballot_replaced", aggregateId: voteId } })).toBe(1);
  });
});

const RESULTS = `query ($id: ID!) { vote(id: $id) { ruleSet { version } results { participatingUnitCount options { option { id } ballotCount } } } }`;
const REVISIONS = `query ($id: ID!) { vote(id: $id) { myVotingUnits { ballot { revisions { revision choices { id } castBy { id } } } } } }`;
const DISPUTED = `query ($id: ID!) { vote(id: $id) { disputedUnits { unit { id } counted choices { owner { id } share { numerator denominator } choices { id } } } } }`;

describe("co-owners who disagree (sk-182-1993 v2: majority of shares, else not counted)", () => {
  let managerToken: string;
  let v2: string;
  let options: { yes: string; no: string };

  async function newVote(ruleSetVersion?: number) {
    const unit = await stack.owner.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: { buildingId: true } });
    const created = await stack.query(
      `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id ruleSet { version } options { id } } }`,
      {
        input: {
          buildingId: unit.buildingId,
          title: "Výťah",
          options: [{ label: "Áno" }, { label: "Nie" }],
          matterType: "ORDINARY",
          allowBallotChange: true,
          ruleSetVersion,
          endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      managerToken,
    );
    expect(created.errors).toBeUndefined();
    const id: string = created.data.createVote.id;
    expect((await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id }, managerToken)).errors).toBeUndefined();
    const [y, n] = created.data.createVote.options.map((o: { id: string }) => o.id);
    return { id, version: created.data.createVote.ruleSet.version as number, yes: y as string, no: n as string };
  }

  beforeAll(async () => {
    const manager = await stack.owner.prisma.organizationMember.findFirstOrThrow({
      where: { user: { lastName: "Správcová" } },
      select: { userId: true, organizationId: true },
    });
    managerToken = await stack.tokenFor(manager.userId, manager.organizationId, ["manager"]);
    const created = await newVote();
    expect(created.version).toBe(2);
    v2 = created.id;
    options = created;
  });

  it("equal shares that disagree: the unit's vote is not counted, the manager sees who chose what, owners may not", async () => {
    expect((await stack.query(CAST, { input: { voteId: v2, unitId, optionIds: [options.yes] } }, first.token)).errors).toBeUndefined();
    expect((await stack.query(CAST, { input: { voteId: v2, unitId, optionIds: [options.no] } }, second.token)).errors).toBeUndefined();
    const results = await stack.query(RESULTS, { id: v2 }, managerToken);
    expect(results.errors).toBeUndefined();
    expect(results.data.vote.results.participatingUnitCount).toBe(0);

    const disputed = await stack.query(DISPUTED, { id: v2 }, managerToken);
    expect(disputed.errors).toBeUndefined();
    expect(disputed.data.vote.disputedUnits).toHaveLength(1);
    const [unit] = disputed.data.vote.disputedUnits;
    expect(unit).toMatchObject({ unit: { id: unitId }, counted: false });
    expect(unit.choices).toEqual(
      expect.arrayContaining([
        { owner: { id: first.id }, share: { numerator: 1, denominator: 2 }, choices: [{ id: options.yes }] },
        { owner: { id: second.id }, share: { numerator: 1, denominator: 2 }, choices: [{ id: options.no }] },
      ]),
    );
    const asOwner = await stack.query(DISPUTED, { id: v2 }, first.token);
    expect(asOwner.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("every revision stays: co-owners see the unit's history", async () => {
    const seen = await stack.query(REVISIONS, { id: v2 }, first.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.vote.myVotingUnits[0].ballot.revisions).toEqual([
      { revision: 1, choices: [{ id: options.yes }], castBy: { id: first.id } },
      { revision: 2, choices: [{ id: options.no }], castBy: { id: second.id } },
    ]);
  });

  it("once they agree, the unit's vote counts and the dispute is gone", async () => {
    expect((await stack.query(CAST, { input: { voteId: v2, unitId, optionIds: [options.no] } }, first.token)).errors).toBeUndefined();
    const results = await stack.query(RESULTS, { id: v2 }, managerToken);
    expect(results.data.vote.results.participatingUnitCount).toBe(1);
    expect(results.data.vote.results.options.find((o: { option: { id: string } }) => o.option.id === options.no).ballotCount).toBe(1);
    expect((await stack.query(DISPUTED, { id: v2 }, managerToken)).data.vote.disputedUnits).toEqual([]);
  });

  it("the vote record keeps every revision", async () => {
    expect((await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: v2 }, managerToken)).errors).toBeUndefined();
    const record = await stack.query(
      `query ($id: ID!) { voteRecord(id: $id) { csv units { ballot { revisions { revision castBy { id } choices { id } } } } } }`,
      { id: v2 },
      managerToken,
    );
    expect(record.errors).toBeUndefined();
    const unit = record.data.voteRecord.units.find((u: { ballot: unknown }) => u.ballot);
    expect(unit.ballot.revisions.map((r: { revision: number; castBy: { id: string } }) => [r.revision, r.castBy.id])).toEqual([
      [1, first.id],
      [2, second.id],
      [3, first.id],
    ]);
    expect(record.data.voteRecord.csv.split("\n")[0]).toContain("revisions");
  });

  it("a vote held under v1 keeps v1: the latest ballot stands", async () => {
    const v1 = await newVote(1);
    expect(v1.version).toBe(1);
    expect((await stack.query(CAST, { input: { voteId: v1.id, unitId, optionIds: [v1.yes] } }, first.token)).errors).toBeUndefined();
    expect((await stack.query(CAST, { input: { voteId: v1.id, unitId, optionIds: [v1.no] } }, second.token)).errors).toBeUndefined();
    const results = await stack.query(RESULTS, { id: v1.id }, managerToken);
    expect(results.data.vote.results.participatingUnitCount).toBe(1);
    expect(results.data.vote.results.options.find((o: { option: { id: string } }) => o.option.id === v1.no).ballotCount).toBe(1);
  });
});
