// The property worker started in-process on the stack's database and Redis: a vote whose end
// time has passed is closed by the scheduler with no one asking — final tally stored, `vote.closed`
// and `vote.tally_updated` in the outbox, and the final tally delivered live to a subscriber
// through the gateway — and a vote still open is left alone.
import { createLogger } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "./jobs.ts";

let stack: Stack;
let org: string;
let managerToken: string;

beforeAll(async () => {
  stack = await startStack({ redis: true });
  org = (await createOrganization(stack.owner.prisma, "SVB Plánovač")).id;
  const manager = (await createUser(stack.owner.prisma, "Pavol", "Plánovač")).id;
  await addMember(stack.owner.prisma, org, manager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
});

afterAll(() => stack?.stop());

async function openVote(buildingId: string) {
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
    {
      input: {
        buildingId,
        title: "Nová strecha",
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "WRITTEN_BALLOT",
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  const id: string = created.data.createVote.id;
  expect((await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id }, managerToken)).errors).toBeUndefined();
  return { id, yes: created.data.createVote.options[0].id as string };
}

describe("the property worker's scheduler", () => {
  it("closes a vote at its end time without anyone asking: final tally, outbox events, and the final tally live", async () => {
    const house = await createOwnedBuilding(stack.owner.prisma, org, 3);
    const due = await openVote(house.buildingId);
    const open = await openVote(house.buildingId);
    for (const i of [0, 1]) {
      const token = await stack.tokenFor(house.units[i]!.ownerId, org, ["owner"]);
      const cast = await stack.query(
        `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`,
        { input: { voteId: due.id, unitId: house.units[i]!.unitId, optionIds: [due.yes] } },
        token,
      );
      expect(cast.errors).toBeUndefined();
    }
    const client = liveClient(stack.gateway.url, managerToken);
    const live = subscribe(client, `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { version status final outcome participatingUnitCount } }`, {
      id: due.id,
    });
    expect((await live.take(1))[0]!.data.voteTallyUpdated).toEqual({
      version: "3",
      status: "PUBLISHED",
      final: false,
      outcome: "OPTION_CARRIED",
      participatingUnitCount: 2,
    });
    // Its end time passes.
    await stack.owner.prisma.vote.update({ where: { id: due.id }, data: { endsAt: new Date(Date.now() - 1_000) } });

    const worker = await startPropertyWorker(stack.config, { port: 0, cron: "* * * * * *", logger: createLogger("property-worker", "silent") });
    try {
      for (let i = 0; i < 100 && (await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: due.id } })).status !== "CLOSED"; i++) await sleep(100);
      const closed = await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: due.id } });
      expect(closed.status).toBe("CLOSED");
      expect(closed.closedAt).not.toBeNull();
      expect(closed.tallyVersion).toBe(4n);
      // More than half of ALL owners' votes (2 of 3) for a written ballot: carried, and final.
      const results = await stack.query(
        `query ($id: ID!) { voteResults(id: $id) { version final outcome options { ballotCount carried } } }`,
        { id: due.id },
        managerToken,
      );
      expect(results.data.voteResults).toEqual({
        version: "4",
        final: true,
        outcome: "OPTION_CARRIED",
        options: [
          { ballotCount: 2, carried: true },
          { ballotCount: 0, carried: false },
        ],
      });
      const events = await stack.owner.prisma.outboxEvent.findMany({
        where: { aggregateId: due.id, eventType: { in: ["vote.closed", "vote.tally_updated"] } },
        orderBy: { createdAt: "asc" },
      });
      expect(events.filter((e) => e.eventType === "vote.tally_updated").map((e) => (e.payload as { version: string }).version)).toEqual(["1", "2", "3", "4"]);
      const closing = events.find((e) => e.eventType === "vote.closed")!;
      expect(closing.payload).toMatchObject({ version: "4", outcome: "OPTION_CARRIED", actorId: null });

      // The subscriber, connected all along, gets the final tally.
      const [, final] = await live.take(2);
      expect(final!.data.voteTallyUpdated).toEqual({ version: "4", status: "CLOSED", final: true, outcome: "OPTION_CARRIED", participatingUnitCount: 2 });

      // A vote still open stays open, and later turns close nothing twice.
      const runs = async () =>
        stack.owner.prisma.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM platform.job_runs WHERE job_name = 'property.close-due-votes' AND status = 'succeeded'`;
      const before = (await runs())[0]!.n;
      for (let i = 0; i < 50 && (await runs())[0]!.n < before + 2; i++) await sleep(100);
      expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("PUBLISHED");
      expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id: due.id } })).tallyVersion).toBe(4n);
      expect(await stack.owner.prisma.outboxEvent.count({ where: { aggregateId: due.id, eventType: "vote.closed" } })).toBe(1);
      expect((await fetch(`${worker.url}/health`)).status).toBe(200);
    } finally {
      live.dispose();
      await client.dispose();
      await worker.stop();
    }
  });
});
