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
