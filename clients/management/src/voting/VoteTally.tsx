import { Fact } from "../Fact.tsx";
import { formatExact, formatPercent } from "../format.ts";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { sk } from "../strings.ts";

export const VoteTallyFields = graphql(`
  fragment VoteTally on VoteResults {
    voteId
    version
    status
    final
    eligibleUnitCount
    participatingUnitCount
    eligibleWeight {
      numerator
      denominator
      decimal
    }
    participatingWeight {
      numerator
      denominator
      decimal
    }
    turnout {
      decimal
    }
    ruleSet {
      key
      quorum {
        of
      }
    }
    options {
      option {
        id
        label
      }
      ballotCount
      weight {
        numerator
        denominator
        decimal
      }
      shareOfEligible {
        decimal
      }
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

const share = (fraction: { decimal: string } | null) => (fraction ? formatPercent(fraction.decimal) : "—");

/**
 * A vote's tally: per option its ballots and weight against BOTH denominators (all eligible
 * votes, votes taking part), the turnout, whether quorum and majority are reached, the outcome.
 */
export function VoteTally(props: { tally: FragmentType<typeof VoteTallyFields> }) {
  const tally = getFragmentData(VoteTallyFields, props.tally);
  return (
    <div className="tally">
      <table className="units">
        <thead>
          <tr>
            <th>{sk.votes.option}</th>
            <th>{sk.votes.ballots}</th>
            <th>{sk.votes.weight}</th>
            <th>{sk.votes.shareOfEligible}</th>
            <th>{sk.votes.shareOfParticipating}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tally.options.map((result) => (
            <tr key={result.option.id} className={result.carried ? "carried" : undefined}>
              <td>{result.option.label}</td>
              <td>{result.ballotCount}</td>
              <td>{formatExact(result.weight)}</td>
              <td>{share(result.shareOfEligible)}</td>
              <td>{share(result.shareOfParticipating)}</td>
              <td>{result.carried && <span className="badge vote-carried">{sk.votes.carried}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <Fact
          label={sk.votes.eligible}
          value={`${formatExact(tally.eligibleWeight)} (${sk.votes.unitsOf(tally.eligibleUnitCount, tally.eligibleUnitCount)})`}
        />
        <Fact
          label={sk.votes.participating}
          value={`${formatExact(tally.participatingWeight)} (${sk.votes.unitsOf(tally.participatingUnitCount, tally.eligibleUnitCount)})`}
        />
        <Fact label={sk.votes.turnout} value={share(tally.turnout)} />
        <Fact
          label={sk.votes.quorum}
          value={tally.ruleSet.quorum ? (tally.quorumReached ? sk.votes.quorumReached : sk.votes.quorumMissed) : sk.votes.noQuorum}
        />
        <Fact label={sk.votes.majority} value={tally.majorityReached ? sk.votes.majorityReached : sk.votes.majorityMissed} />
        <Fact label={tally.final ? sk.votes.final : sk.votes.outcome} value={sk.voteOutcome[tally.outcome]} />
      </dl>
    </div>
  );
}
