// The voting module's behaviour with a real database: the electorate frozen at publication,
// who may cast which unit's ballot (owner, delegate, staff with a paper ballot), the scheduler's
// closeDueVotes (called directly), the record for the minutes, comments, validation and who
// sees which vote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  addOccupancy,
  addVotingDelegation,
  createOrganization,
  createOwnedBuilding,
  createUnit,
  createUser,
  transferOwnership,
} from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { closeDueVotes } from "./closing.ts";

let stack: Stack;
let org: string;
let manager: string;
let managerToken: string;

beforeAll(async () => {
  stack = await startStack();
  org = (await createOrganization(stack.owner.prisma, "SVB Frozen")).id;
  manager = (await createUser(stack.owner.prisma, "Mária", "Správcová")).id;
  await addMember(stack.owner.prisma, org, manager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
});

afterAll(() => stack?.stop());

const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;
const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

async function draftVote(buildingId: string, input: Record<string, unknown> = {}, token = managerToken) {
  return stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id status eligibleUnitCount options { id label } ruleSet { key version quorum { fraction { numerator denominator } strictlyMore } basis } } }`,
    { input: { buildingId, title: "Zateplenie domu", options: [{ label: "Áno" }, { label: "Nie" }], matterType: "ORDINARY", endsAt: inOneDay(), ...input } },
    token,
  );
}

async function openVote(buildingId: string, input: Record<string, unknown> = {}) {
  const draft = await draftVote(buildingId, input);
  expect(draft.errors).toBeUndefined();
  const published = await stack.query(
    `mutation ($id: ID!) { publishVote(id: $id) { status eligibleUnitCount eligibilityFrozenAt } }`,
    { id: draft.data.createVote.id },
    managerToken,
  );
  expect(published.errors).toBeUndefined();
  const [yes, no] = draft.data.createVote.options.map((o: { id: string }) => o.id);
  return {
    id: draft.data.createVote.id as string,
    yes: yes as string,
    no: no as string,
    eligibleUnitCount: published.data.publishVote.eligibleUnitCount as number,
  };
}

const CAST = `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id revision isPaper castBy { id } onBehalfOf { id } choices { label } } }`;
const castAs = (token: string, voteId: string, unitId: string, optionIds: string[], extra: Record<string, unknown> = {}) =>
  stack.query(CAST, { input: { voteId, unitId, optionIds, ...extra } }, token);

describe("the electorate, frozen when the vote opens", () => {
  it("keeps who may vote and how many units vote when a unit is sold and a unit added after publication", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 3);
    const [seller] = house.units;
    const vote = await openVote(house.buildingId);
    expect(vote.eligibleUnitCount).toBe(3);

    const buyer = (await createUser(db, "Nový", "Kupujúci")).id;
    await addMember(db, org, buyer);
    await transferOwnership(db, org, seller!.unitId, seller!.ownerId, buyer, new Date().toISOString().slice(0, 10));
    await createUnit(db, org, house.buildingId, "99");
    const buyerToken = await stack.tokenFor(buyer, org, ["owner"]);
    const sellerToken = await stack.tokenFor(seller!.ownerId, org, ["owner"]);

    // The buyer lives in the building now and sees the vote, but may not vote in it.
    const buyerView = await stack.query(`query ($id: ID!) { vote(id: $id) { eligibleUnitCount myVotingUnits { unit { id } } } }`, { id: vote.id }, buyerToken);
    expect(buyerView.data.vote).toEqual({ eligibleUnitCount: 3, myVotingUnits: [] });
    expect(code(await castAs(buyerToken, vote.id, seller!.unitId, [vote.yes]))).toBe("FORBIDDEN");
    // The seller owned it when the vote opened: they still see the vote and cast the unit's ballot.
    const sellerView = await stack.query(`query ($id: ID!) { vote(id: $id) { myVotingUnits { unit { id } right ballotCast } } }`, { id: vote.id }, sellerToken);
    expect(sellerView.data.vote.myVotingUnits).toEqual([{ unit: { id: seller!.unitId }, right: "OWNER", ballotCast: false }]);
    expect((await castAs(sellerToken, vote.id, seller!.unitId, [vote.yes])).errors).toBeUndefined();

    const frozen = await db.voteEligibleVoter.findMany({ where: { voteId: vote.id, unitId: seller!.unitId } });
    expect(frozen.map((v) => v.userId)).toEqual([seller!.ownerId]);
    expect(await db.voteEligibleUnit.count({ where: { voteId: vote.id } })).toBe(3);
    const results = await stack.query(
      `query ($id: ID!) { voteResults(id: $id) { eligibleUnitCount eligibleWeight { numerator } participatingUnitCount } }`,
      { id: vote.id },
      managerToken,
    );
    expect(results.data.voteResults).toEqual({ eligibleUnitCount: 3, eligibleWeight: { numerator: "3" }, participatingUnitCount: 1 });
  });

  it("limits the electorate to the units selected, frozen with each unit's share", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 3);
    const [a, b, c] = house.units;
    const vote = await openVote(house.buildingId, { eligibleUnitIds: [a!.unitId, b!.unitId] });
    expect(vote.eligibleUnitCount).toBe(2);
    const rows = await db.voteEligibleUnit.findMany({ where: { voteId: vote.id } });
    expect(rows.map((r) => [r.weightNumerator, r.weightDenominator])).toEqual([
      [684, 10000],
      [684, 10000],
    ]);
    const outsider = await stack.tokenFor(c!.ownerId, org, ["owner"]);
    const refused = await castAs(outsider, vote.id, c!.unitId, [vote.yes]);
    expect(code(refused)).toBe("BAD_USER_INPUT");
  });
});

describe("who casts a unit's ballot", () => {
  it("lets a delegate vote for the owner who gave them a voting power of attorney, and nobody else", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 2);
    const [giver, other] = house.units;
    const delegate = (await createUser(db, "Splnomocnený", "Zástupca")).id;
    await addMember(db, org, delegate);
    await addVotingDelegation(db, org, giver!.ownerId, delegate, giver!.unitId);
    const delegateToken = await stack.tokenFor(delegate, org, ["owner"]);
    const vote = await openVote(house.buildingId);

    const listed = await stack.query(`{ votes(first: 100) { edges { node { id myVotingUnits { unit { id } right } } } } }`, {}, delegateToken);
    const node = listed.data.votes.edges.find((e: { node: { id: string } }) => e.node.id === vote.id)?.node;
    expect(node.myVotingUnits).toEqual([{ unit: { id: giver!.unitId }, right: "DELEGATE" }]);

    const ballot = await castAs(delegateToken, vote.id, giver!.unitId, [vote.no]);
    expect(ballot.errors).toBeUndefined();
    expect(ballot.data.castBallot).toMatchObject({ isPaper: false, castBy: { id: delegate }, onBehalfOf: { id: giver!.ownerId }, choices: [{ label: "Nie" }] });
    const row = await db.ballot.findFirstOrThrow({ where: { voteId: vote.id } });
    expect(row.delegationId).not.toBeNull();
    // The delegation covers the giver's unit only.
    expect(code(await castAs(delegateToken, vote.id, other!.unitId, [vote.no]))).toBe("FORBIDDEN");
  });

  it("lets staff enter an owner's paper ballot, marked as paper and as cast on the owner's behalf; owners cannot", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 2);
    const [owner] = house.units;
    const vote = await openVote(house.buildingId);
    const ownerToken = await stack.tokenFor(owner!.ownerId, org, ["owner"]);
    expect(code(await castAs(ownerToken, vote.id, owner!.unitId, [vote.yes], { paper: true, onBehalfOf: owner!.ownerId }))).toBe("FORBIDDEN");
    expect(code(await castAs(managerToken, vote.id, owner!.unitId, [vote.yes], { paper: true }))).toBe("BAD_USER_INPUT");
    expect(code(await castAs(managerToken, vote.id, owner!.unitId, [vote.yes], { paper: true, onBehalfOf: manager }))).toBe("BAD_USER_INPUT");
    const paper = await castAs(managerToken, vote.id, owner!.unitId, [vote.yes], { paper: true, onBehalfOf: owner!.ownerId });
    expect(paper.errors).toBeUndefined();
    expect(paper.data.castBallot).toMatchObject({ isPaper: true, castBy: { id: manager }, onBehalfOf: { id: owner!.ownerId } });
    // The owner sees the ballot cast on their behalf.
    const mine = await stack.query(`query ($id: ID!) { vote(id: $id) { myBallots { isPaper choices { label } } } }`, { id: vote.id }, ownerToken);
    expect(mine.data.vote.myBallots).toEqual([{ isPaper: true, choices: [{ label: "Áno" }] }]);
  });

  it("enforces single and multiple choice and refuses options of another vote", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 1);
    const [owner] = house.units;
    const token = await stack.tokenFor(owner!.ownerId, org, ["owner"]);
    const single = await openVote(house.buildingId);
    expect(code(await castAs(token, single.id, owner!.unitId, [single.yes, single.no]))).toBe("BAD_USER_INPUT");
    const multiple = await draftVote(house.buildingId, {
      choiceType: "MULTIPLE",
      maxChoices: 2,
      matterType: "ADVISORY",
      options: [{ label: "Lavičky" }, { label: "Stojan na bicykle" }, { label: "Pieskovisko" }],
    });
    const id = multiple.data.createVote.id;
    await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id }, managerToken);
    const [a, b, c] = multiple.data.createVote.options.map((o: { id: string }) => o.id);
    expect(code(await castAs(token, id, owner!.unitId, [a, b, c]))).toBe("BAD_USER_INPUT");
    expect(code(await castAs(token, id, owner!.unitId, [single.yes]))).toBe("BAD_USER_INPUT");
    const two = await castAs(token, id, owner!.unitId, [c, a]);
    expect(two.data.castBallot.choices).toEqual([{ label: "Lavičky" }, { label: "Pieskovisko" }]);
  });
});

describe("closing", () => {
  it("closeDueVotes closes every organization's votes whose end has passed, with the final tally, and leaves the rest open", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 3);
    const due = await openVote(house.buildingId, { matterType: "QUALIFIED_TWO_THIRDS" });
    const later = await openVote(house.buildingId, { endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    for (const [i, unit] of house.units.entries()) {
      const token = await stack.tokenFor(unit.ownerId, org, ["owner"]);
      expect((await castAs(token, due.id, unit.unitId, [i < 2 ? due.yes : due.no])).errors).toBeUndefined();
    }
    // Another organization's vote is due too: the scheduler visits every tenant.
    const otherOrg = (await createOrganization(db, "Iné SVB")).id;
    const otherHouse = await createOwnedBuilding(db, otherOrg, 1);
    const otherVote = await db.vote.create({
      data: {
        organizationId: otherOrg,
        buildingId: otherHouse.buildingId,
        title: "Iné",
        createdById: manager,
        status: "PUBLISHED",
        endsAt: new Date(Date.now() + 3_600_000),
        publishedAt: new Date(),
      },
    });
    const before = await db.vote.findUniqueOrThrow({ where: { id: due.id } });

    const closed = await closeDueVotes({ prisma: stack.property.deps.prisma }, new Date(Date.now() + 2 * 86_400_000));
    expect(closed).toEqual(expect.arrayContaining([due.id, otherVote.id]));
    expect(closed).not.toContain(later.id);

    const after = await db.vote.findUniqueOrThrow({ where: { id: due.id } });
    expect(after.status).toBe("CLOSED");
    expect(after.closedAt).not.toBeNull();
    expect(after.tallyVersion).toBe(before.tallyVersion + 1n);
    expect((await db.vote.findUniqueOrThrow({ where: { id: later.id } })).status).toBe("PUBLISHED");
    // Two of three owners is two-thirds of ALL (§ 14b ods. 2): carried, and final.
    const results = await stack.query(
      `query ($id: ID!) { voteResults(id: $id) { final outcome version options { option { label } carried } } }`,
      { id: due.id },
      managerToken,
    );
    expect(results.data.voteResults).toMatchObject({
      final: true,
      outcome: "OPTION_CARRIED",
      version: after.tallyVersion.toString(),
      options: [
        { option: { label: "Áno" }, carried: true },
        { option: { label: "Nie" }, carried: false },
      ],
    });
    const events = await db.outboxEvent.findMany({
      where: { aggregateId: due.id, eventType: { in: ["vote.closed", "vote.tally_updated"] } },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    expect(events.map((e) => e.eventType).sort()).toEqual(["vote.closed", "vote.tally_updated"]);
    expect((events.find((e) => e.eventType === "vote.closed")!.payload as { outcome: string; actorId: unknown }).outcome).toBe("OPTION_CARRIED");

    // Nothing is closed twice; a closed vote takes no more ballots.
    expect(await closeDueVotes({ prisma: stack.property.deps.prisma }, new Date(Date.now() + 2 * 86_400_000))).toEqual([]);
    const token = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
    expect(code(await castAs(token, due.id, house.units[0]!.unitId, [due.no]))).toBe("CONFLICT");
  });

  it("cancels an open vote: no more ballots, watchers get a new tally version", async () => {
    const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
    const vote = await openVote(house.buildingId);
    const cancelled = await stack.query(
      `mutation ($id: ID!) { cancelVote(id: $id, reason: "Chyba v zadaní") { status cancelledAt results { version final } } }`,
      { id: vote.id },
      managerToken,
    );
    expect(cancelled.data.cancelVote).toMatchObject({ status: "CANCELLED", results: { version: "2", final: false } });
    const token = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
    expect(code(await castAs(token, vote.id, house.units[0]!.unitId, [vote.yes]))).toBe("CONFLICT");
    expect(code(await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: vote.id }, managerToken))).toBe("CONFLICT");
  });
});

describe("the record for the minutes", () => {
  it("lists who could vote, who voted, when, how and what, under which rule, and exports it as CSV", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 3);
    const [first, second] = house.units;
    const vote = await openVote(house.buildingId, { matterType: "WRITTEN_BALLOT" });
    expect(code(await stack.query(`query ($id: ID!) { voteRecord(id: $id) { csv } }`, { id: vote.id }, managerToken))).toBe("CONFLICT");
    await castAs(await stack.tokenFor(first!.ownerId, org, ["owner"]), vote.id, first!.unitId, [vote.yes]);
    await castAs(managerToken, vote.id, second!.unitId, [vote.no], { paper: true, onBehalfOf: second!.ownerId });
    await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: vote.id }, managerToken);
    const ownerToken = await stack.tokenFor(first!.ownerId, org, ["owner"]);
    expect(code(await stack.query(`query ($id: ID!) { voteRecord(id: $id) { csv } }`, { id: vote.id }, ownerToken))).toBe("FORBIDDEN");

    const record = await stack.query(
      `query ($id: ID!) { voteRecord(id: $id) {
        ruleSet { key version basis majority { of } } eligibilityFrozenAt closedAt
        units { designation share { numerator denominator } owners { id } ballot { isPaper castBy { id } onBehalfOf { id } choices { label } castAt } }
        results { final outcome participatingUnitCount } csv } }`,
      { id: vote.id },
      managerToken,
    );
    expect(record.errors).toBeUndefined();
    const data = record.data.voteRecord;
    expect(data.ruleSet).toEqual({ key: "sk-182-1993", version: 2, basis: "§ 14b ods. 1 (písomné hlasovanie)", majority: { of: "ALL_ELIGIBLE" } });
    expect(data.units.map((u: { designation: string }) => u.designation)).toEqual(["1", "2", "3"]);
    expect(data.units[0]).toMatchObject({
      share: { numerator: 684, denominator: 10000 },
      owners: [{ id: first!.ownerId }],
      ballot: { isPaper: false, castBy: { id: first!.ownerId }, onBehalfOf: null, choices: [{ label: "Áno" }] },
    });
    expect(data.units[1].ballot).toMatchObject({ isPaper: true, castBy: { id: manager }, onBehalfOf: { id: second!.ownerId }, choices: [{ label: "Nie" }] });
    expect(data.units[2].ballot).toBeNull();
    // 1 of 3 is not more than half of ALL owners.
    expect(data.results).toEqual({ final: true, outcome: "NO_OPTION_CARRIED", participatingUnitCount: 2 });
    const lines = data.csv.trim().split("\n");
    expect(lines[0]).toBe("unit,share,owners,voted,cast_at,revision,paper,delegated,cast_by,on_behalf_of,choices,revisions");
    expect(lines[1]).toMatch(/^1,684\/10000,Vlastník\d+ Bytu,yes,\d{4}-\d\d-\d\dT[^,]+,1,no,no,Vlastník\d+ Bytu,,Áno,1 \S+ Vlastník\d+ Bytu: Áno$/);
    expect(lines[2]).toMatch(
      /^2,684\/10000,Vlastník\d+ Bytu,yes,[^,]+,1,yes,no,Mária Správcová,Vlastník\d+ Bytu,Nie,1 \S+ Mária Správcová for Vlastník\d+ Bytu: Nie$/,
    );
    expect(lines[3]).toMatch(/^3,684\/10000,Vlastník\d+ Bytu,no,,,,,,,,$/);
  });
});

describe("creating votes", () => {
  it("refuses bad input with BAD_USER_INPUT and writes nothing", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 1);
    const elsewhere = await createOwnedBuilding(db, org, 1);
    const before = await db.vote.count({ where: { organizationId: org } });
    const cases: Record<string, unknown>[] = [
      { options: [{ label: "Áno" }] },
      { options: [{ label: "Áno" }, { label: "áno" }] },
      { endsAt: new Date(Date.now() - 1000).toISOString() },
      { eligibleUnitIds: [elsewhere.units[0]!.unitId] },
      { ruleSetKey: "sk-999" },
      { choiceType: "SINGLE", maxChoices: 2 },
      // Act 182/1993: a meeting needs more than half of all votes; statutes may not lower it.
      { quorum: { fraction: { numerator: 1, denominator: 3 }, strictlyMore: true } },
    ];
    for (const input of cases) expect(code(await draftVote(house.buildingId, input)), JSON.stringify(input)).toBe("BAD_USER_INPUT");
    expect(await db.vote.count({ where: { organizationId: org } })).toBe(before);
    const ownerToken = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
    expect(code(await draftVote(house.buildingId, {}, ownerToken))).toBe("FORBIDDEN");
  });

  it("accepts a stricter quorum from the statutes and counts by it", async () => {
    const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
    const created = await draftVote(house.buildingId, { quorum: { fraction: { numerator: 2, denominator: 3 }, strictlyMore: false } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createVote).toMatchObject({
      status: "DRAFT",
      eligibleUnitCount: 1,
      ruleSet: { key: "sk-182-1993", version: 2, quorum: { fraction: { numerator: 2, denominator: 3 }, strictlyMore: false } },
    });
  });
});

describe("who sees a vote", () => {
  it("shows residents the published votes of their building, never drafts or other buildings' votes", async () => {
    const db = stack.owner.prisma;
    const house = await createOwnedBuilding(db, org, 1);
    const otherHouse = await createOwnedBuilding(db, org, 1);
    const tenant = (await createUser(db, "Nájomník", "Bytu")).id;
    await addMember(db, org, tenant);
    await addOccupancy(db, org, house.units[0]!.unitId, tenant);
    const tenantToken = await stack.tokenFor(tenant, org, ["tenant"]);
    const strangerToken = await stack.tokenFor(otherHouse.units[0]!.ownerId, org, ["owner"]);
    const draft = (await draftVote(house.buildingId)).data.createVote.id;
    const open = await openVote(house.buildingId);

    const see = (token: string, id: string) => stack.query(`query ($id: ID!) { vote(id: $id) { id status } }`, { id }, token);
    expect((await see(tenantToken, open.id)).data.vote).toEqual({ id: open.id, status: "PUBLISHED" });
    expect(code(await see(tenantToken, draft))).toBe("NOT_FOUND");
    expect(code(await see(strangerToken, open.id))).toBe("NOT_FOUND");
    const list = await stack.query(`{ votes(first: 100) { edges { node { id } } } }`, {}, tenantToken);
    const ids = list.data.votes.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft);
    // A tenant may read, not vote or comment.
    expect(code(await castAs(tenantToken, open.id, house.units[0]!.unitId, [open.yes]))).toBe("FORBIDDEN");
    expect(code(await stack.query(`mutation ($id: ID!) { commentOnVote(voteId: $id, body: "Súhlasím") { id } }`, { id: open.id }, tenantToken))).toBe(
      "FORBIDDEN",
    );
  });

  it("lets owners discuss an open vote and closes the discussion with the vote", async () => {
    const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
    const vote = await openVote(house.buildingId);
    const ownerToken = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
    const comment = await stack.query(
      `mutation ($id: ID!) { commentOnVote(voteId: $id, body: "  Koľko to bude stáť?  ") { body author { id } } }`,
      { id: vote.id },
      ownerToken,
    );
    expect(comment.data.commentOnVote).toEqual({ body: "Koľko to bude stáť?", author: { id: house.units[0]!.ownerId } });
    const listed = await stack.query(
      `query ($id: ID!) { vote(id: $id) { comments(first: 10) { totalCount edges { node { body } } } } }`,
      { id: vote.id },
      managerToken,
    );
    expect(listed.data.vote.comments).toEqual({ totalCount: 1, edges: [{ node: { body: "Koľko to bude stáť?" } }] });
    await stack.query(`mutation ($id: ID!) { closeVote(id: $id) { id } }`, { id: vote.id }, managerToken);
    expect(code(await stack.query(`mutation ($id: ID!) { commentOnVote(voteId: $id, body: "Neskoro") { id } }`, { id: vote.id }, ownerToken))).toBe("CONFLICT");
  });
});
