// The live-tally scenario: the owners of a building watch the tallies of its votes (subscribers
// spread evenly over `votes` votes); each event is one owner (re)casting their unit's ballot in
// one vote, the votes in turn. Ballots are cast one at a time and the votes allow changes, so
// every cast raises that vote's tally version by exactly one: vote and version are the marker.
import { graphql } from "../support/services.ts";
import type { BenchWorld, Scenario } from "./run.ts";

export async function tallyScenario(world: BenchWorld, options: { votes: number; distinct: boolean }): Promise<Scenario> {
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

  const openVote = async (title: string) => {
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
          title,
          options: [{ label: "Áno" }, { label: "Nie" }],
          matterType: "ORDINARY",
          allowBallotChange: true,
          endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      world.managerToken,
    )) as { createVote: { id: string; options: { id: string }[] } };
    const voteId = created.createVote.id;
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
    // Publishing made version 1.
    return { id: voteId, options: created.createVote.options.map((o) => o.id), version: 1, casts: 0 };
  };
  const votes: Awaited<ReturnType<typeof openVote>>[] = [];
  for (let v = 0; v < options.votes; v++) votes.push(await openVote(`Bench ${v + 1}`));

  const fields = `voteId version participatingUnitCount outcome options { ballotCount weight { numerator denominator } }`;
  return {
    name: options.distinct
      ? `voteTallyUpdated (${options.votes} vote(s), every subscriber with its own selection set)`
      : `voteTallyUpdated (${options.votes} vote(s), subscribers spread evenly over them)`,
    sendsCurrentState: true,
    // With distinct selection sets every subscriber's document differs (an alias of its own), so no two share an execution.
    subscriptionFor: (i) => `subscription ($id: ID!) { voteTallyUpdated(voteId: $id) { ${fields}${options.distinct ? ` s${i}: eligibleUnitCount` : ""} } }`,
    variablesFor: (i) => ({ id: votes[i % votes.length]!.id }),
    watches: (event, i) => event % votes.length === i % votes.length,
    cause: async (event) => {
      // Baseline events (negative) go to the first vote.
      const vote = votes[Math.max(0, event) % votes.length]!;
      const owner = vote.casts % userIds.length;
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
        { input: { voteId: vote.id, unitId: unitOf.get(voter), optionIds: [vote.options[Math.floor(vote.casts / userIds.length) % vote.options.length]] } },
        world.tokens[owner],
      );
      vote.casts++;
      return `${vote.id}:${++vote.version}`;
    },
    markerOf: (data) => (data?.voteTallyUpdated ? `${data.voteTallyUpdated.voteId}:${data.voteTallyUpdated.version}` : null),
  };
}
