// The votes a resident or owner takes part in, as the mobile app shows them: the list, one vote
// with its tally (kept live by `voteTallyUpdated` over graphql-ws) and casting a ballot. A ballot
// is never queued offline: castBallot takes no idempotency key, so a resend could not be told
// from a second ballot (a CONFLICT, or a changed vote where changes are allowed).
import { graphql } from "../generated/gql.ts";

export const ResidentVoteTallyFields = graphql(`
  fragment ResidentVoteTally on VoteResults {
    voteId
    version
    status
    final
    eligibleUnitCount
    participatingUnitCount
    turnout {
      decimal
    }
    options {
      option {
        id
        label
      }
      ballotCount
      shareOfParticipating {
        decimal
      }
      carried
    }
    quorumReached
    majorityReached
    outcome
  }
`);

export const MyVotes = graphql(`
  query MyVotes {
    votes(first: 50) {
      edges {
        node {
          id
          title
          status
          endsAt
          building {
            id
            street
            streetNumber
          }
          myVotingUnits {
            ballotCast
          }
        }
      }
    }
  }
`);

export const ResidentVote = graphql(`
  query ResidentVote($id: ID!) {
    vote(id: $id) {
      id
      title
      question
      description
      status
      choiceType
      maxChoices
      allowBallotChange
      endsAt
      options {
        id
        label
      }
      myVotingUnits {
        ballotCast
        unit {
          id
          designation
        }
      }
      myBallots {
        id
        unit {
          id
        }
        choices {
          id
          label
        }
      }
      results {
        ...ResidentVoteTally
      }
    }
  }
`);

/** What a live tally is written into: the cached vote's status and results. */
export const ResidentVoteLiveFields = graphql(`
  fragment ResidentVoteLive on Vote {
    id
    status
    results {
      ...ResidentVoteTally
    }
  }
`);

export const ResidentVoteTallyUpdated = graphql(`
  subscription ResidentVoteTallyUpdated($voteId: ID!) {
    voteTallyUpdated(voteId: $voteId) {
      ...ResidentVoteTally
    }
  }
`);

// The answer carries the caller's units and ballots and the new tally, so the screen updates from
// the cache without a refetch.
export const ResidentCastBallot = graphql(`
  mutation ResidentCastBallot($input: CastBallotInput!) {
    castBallot(input: $input) {
      id
      vote {
        id
        myVotingUnits {
          ballotCast
          unit {
            id
          }
        }
        myBallots {
          id
          unit {
            id
          }
          choices {
            id
            label
          }
        }
        results {
          ...ResidentVoteTally
        }
      }
    }
  }
`);
