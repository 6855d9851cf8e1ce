// The live feed of a vote's tally (`voteTallyUpdated`, over graphql-ws): each tally is written
// into the cached vote, so every screen showing the vote follows it; a tally not later than the
// one the cache holds is ignored (they may arrive after a ballot's own answer or a refetch).
import type { ApolloCache } from "@apollo/client";
import { graphql } from "../generated/gql.ts";
import type { VoteLiveResultsFragment, VoteTallyUpdatedSubscription } from "../generated/graphql.ts";
import { isNewerTally } from "./tally-version.ts";

export const VoteTallyUpdated = graphql(`
  subscription VoteTallyUpdated($voteId: ID!) {
    voteTallyUpdated(voteId: $voteId) {
      voteId
      version
      status
      ...VoteTally
    }
  }
`);

export const VoteLiveResultsFields = graphql(`
  fragment VoteLiveResults on Vote {
    id
    status
    results {
      version
      ...VoteTally
    }
  }
`);

export type LiveTally = VoteTallyUpdatedSubscription["voteTallyUpdated"];

/** Writes a live tally into the cached vote (its status follows: closing arrives as a tally too). Whether it was newer. */
export function applyLiveTally(cache: ApolloCache, tally: LiveTally): boolean {
  const id = cache.identify({ __typename: "Vote", id: tally.voteId });
  const shown = cache.readFragment({ id, fragment: VoteLiveResultsFields, fragmentName: "VoteLiveResults" });
  if (!isNewerTally(tally, shown?.results)) return false;
  const data: VoteLiveResultsFragment = { __typename: "Vote", id: tally.voteId, status: tally.status, results: { ...tally, __typename: "VoteResults" } };
  cache.writeFragment({ id, fragment: VoteLiveResultsFields, fragmentName: "VoteLiveResults", data });
  return true;
}
