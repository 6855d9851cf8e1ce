// A published vote whose tally version rises by one with every ballot (changes allowed, cast one
// at a time): the version tells which tallies a subscriber has seen. Shared by the fault tests.
import { createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import type { ProcessStack } from "@ppt/testing/process-stack";

export const TALLY = `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { version } }`;

export interface LiveVote {
  voteId: string;
  managerToken: string;
  /** Casts the next ballot (through `url`, default the balancer); resolves with the version it made. */
  cast(url?: string): Promise<number>;
  /** The tally version written so far. */
  version(): number;
}

export async function openVote(stack: ProcessStack, owners = 3): Promise<LiveVote> {
  const org = await createOrganization(stack.owner.prisma);
  const manager = await createUser(stack.owner.prisma, "Správca", "Hlasovania");
  const managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
  const building = await createOwnedBuilding(stack.owner.prisma, org.id, owners);
  const ownerTokens = await Promise.all(building.units.map((u) => stack.tokenFor(u.ownerId, org.id, ["owner"])));
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
    {
      input: {
        buildingId: building.buildingId,
        title: "Výmena okien",
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "ORDINARY",
        allowBallotChange: true,
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
    managerToken,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const voteId = created.data.createVote.id as string;
  const options = (created.data.createVote.options as { id: string }[]).map((o) => o.id);
  const published = await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id: voteId }, managerToken);
  if (published.errors) throw new Error(JSON.stringify(published.errors));
  let version = 1; // publishing made version 1
  let casts = 0;
  return {
    voteId,
    managerToken,
    version: () => version,
    async cast(url) {
      const i = casts++;
      const owner = i % owners;
      const answer = await stack.query(
        `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`,
        { input: { voteId, unitId: building.units[owner]!.unitId, optionIds: [options[Math.floor(i / owners) % 2]] } },
        ownerTokens[owner],
        url,
      );
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return ++version;
    },
  };
}
