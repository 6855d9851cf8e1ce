import { Fact } from "../Fact.tsx";
import { formatExact, type Formatter } from "../format.ts";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

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

const share = (format: Formatter, fraction: { decimal: string } | null) => (fraction ? format.percent(fraction.decimal) : "—");

/**
 * A vote's tally: per option its ballots and weight against BOTH denominators (all eligible
 * votes, votes taking part), the turnout, whether quorum and majority are reached, the outcome.
 */
export function VoteTally(props: { tally: FragmentType<typeof VoteTallyFields> }) {
  const { t, format } = useI18n();
  const tally = getFragmentData(VoteTallyFields, props.tally);
  return (
    <div className="tally">
      <table className="units">
        <thead>
          <tr>
            <th>{t.votes.option}</th>
            <th>{t.votes.ballots}</th>
            <th>{t.votes.weight}</th>
            <th>{t.votes.shareOfEligible}</th>
            <th>{t.votes.shareOfParticipating}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tally.options.map((result) => (
            <tr key={result.option.id} className={result.carried ? "carried" : undefined}>
              <td>{result.option.label}</td>
              <td>{result.ballotCount}</td>
              <td>{formatExact(result.weight)}</td>
              <td>{share(format, result.shareOfEligible)}</td>
              <td>{share(format, result.shareOfParticipating)}</td>
              <td>{result.carried && <span className="badge vote-carried">{t.votes.carried}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <Fact label={t.votes.eligible} value={`${formatExact(tally.eligibleWeight)} (${t.votes.unitsOf(tally.eligibleUnitCount, tally.eligibleUnitCount)})`} />
        <Fact
          label={t.votes.participating}
          value={`${formatExact(tally.participatingWeight)} (${t.votes.unitsOf(tally.participatingUnitCount, tally.eligibleUnitCount)})`}
        />
        <Fact label={t.votes.turnout} value={share(format, tally.turnout)} />
        <Fact label={t.votes.quorum} value={tally.ruleSet.quorum ? (tally.quorumReached ? t.votes.quorumReached : t.votes.quorumMissed) : t.votes.noQuorum} />
        <Fact label={t.votes.majority} value={tally.majorityReached ? t.votes.majorityReached : t.votes.majorityMissed} />
        <Fact label={tally.final ? t.votes.final : t.votes.outcome} value={t.voteOutcome[tally.outcome]} />
      </dl>
    </div>
  );
}
