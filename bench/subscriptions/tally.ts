// The live-tally scenario: every owner of a building watches one vote's tally; each event is one
// owner (re)casting their unit's ballot. Ballots are cast one at a time and the vote allows
// changes, so every cast raises the tally version by exactly one: the version is the marker.
import { graphql } from "../support/services.ts";
import type { BenchWorld, Scenario } from "./run.ts";

export async function tallyScenario(world: BenchWorld): Promise<Scenario> {
  const { client, orgId, userIds } = world;
  const building = await client.query<{ id: string }>(
    `INSERT INTO property.buildings (organization_id, street, street_number, city, postal_code, updated_at)
     VALUES ($1, 'Benchmarková', '1', 'Košice', '040 01', now()) RETURNING id::text AS id`,
    [orgId],
  );
  const buildingId = building.rows[0]!.id;
  // One unit per owner, equal shares; each owner owns theirs.
  const units = await client.query<{ id: string; owner: string }>(
    `WITH owners AS (SELECT user_id, ordinality AS n FROM unnest($3::uuid[]) WITH ORDINALITY AS o(user_id, ordinality)),
     created AS (
       INSERT INTO property.units (organization_id, building_id, designation, floor, type, share_numerator, share_denominator, updated_at)
       SELECT $1, $2, n::text, 1, 'FLAT', 1, $4, now() FROM owners RETURNING id, designation)
     INSERT INTO property.unit_ownerships (organization_id, unit_id, user_id, valid_from, updated_at)
     SELECT $1, c.id, o.user_id, DATE '2020-01-01', now() FROM created c JOIN owners o ON o.n::text = c.designation
     RETURNING unit_id::text AS id, user_id::text AS owner`,
    [orgId, buildingId, userIds, userIds.length],
  );
  const unitOf = new Map(units.rows.map((row) => [row.owner, row.id]));

  const created = (await graphql(
    world.services.gatewayUrl,
    `
      mutation ($input: CreateVoteInput!) {
        createVote(input: $input) {
          id
          options {
            id
          }
        }
      }
    `,
    {
      input: {
        buildingId,
        title: "Bench",
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "ORDINARY",
        allowBallotChange: true,
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
    world.managerToken,
  )) as { createVote: { id: string; options: { id: string }[] } };
  const voteId = created.createVote.id;
  const options = created.createVote.options.map((o) => o.id);
  await graphql(
    world.services.gatewayUrl,
    `
      mutation ($id: ID!) {
        publishVote(id: $id) {
          id
        }
      }
    `,
    { id: voteId },
    world.managerToken,
  );

  let version = 1; // publishing made version 1
  let casts = 0;
  return {
    name: "voteTallyUpdated (one vote, every owner watching)",
    sendsCurrentState: true,
    subscription: `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { version participatingUnitCount outcome options { ballotCount weight { numerator denominator } } } }`,
    variables: { id: voteId },
    cause: async () => {
      const owner = casts % userIds.length;
      const voter = userIds[owner]!;
      await graphql(
        world.services.gatewayUrl,
        `
          mutation ($input: CastBallotInput!) {
            castBallot(input: $input) {
              id
            }
          }
        `,
        { input: { voteId, unitId: unitOf.get(voter), optionIds: [options[Math.floor(casts / userIds.length) % options.length]] } },
        world.tokens[owner],
      );
      casts++;
      return String(++version);
    },
    markerOf: (data) => data?.voteTallyUpdated?.version ?? null,
  };
}
