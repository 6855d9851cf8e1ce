import { Fact } from "../Fact.tsx";
import { formatFraction } from "../format.ts";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { sk } from "../strings.ts";

export const VoteRulesFields = graphql(`
  fragment VoteRules on VoteRuleSet {
    key
    version
    title
    weighting
    coOwnersShareOneVote
    quorum {
      of
      strictlyMore
      fraction {
        numerator
        denominator
      }
    }
    majority {
      of
      strictlyMore
      fraction {
        numerator
        denominator
      }
    }
    binding
    basis
  }
`);

type Threshold = { of: keyof typeof sk.voteDenominator; strictlyMore: boolean; fraction: { numerator: number; denominator: number } };
const threshold = (t: Threshold) => sk.votes.threshold(formatFraction(t.fraction), t.strictlyMore, sk.voteDenominator[t.of]);

/** The rule set a vote is counted by, and the rule it applies to the vote's matter. */
export function VoteRules(props: { ruleSet: FragmentType<typeof VoteRulesFields> }) {
  const rules = getFragmentData(VoteRulesFields, props.ruleSet);
  return (
    <dl className="facts">
      <Fact label={sk.votes.ruleSet} value={`${sk.ruleSets[rules.key] ?? rules.title} (v${rules.version})`} />
      <Fact label={sk.votes.weighting} value={sk.voteWeighting[rules.weighting] + (rules.coOwnersShareOneVote ? `; ${sk.votes.coOwners.toLowerCase()}` : "")} />
      <Fact label={sk.votes.quorum} value={rules.quorum ? threshold(rules.quorum) : sk.votes.noQuorum} />
      <Fact label={sk.votes.majority} value={threshold(rules.majority)} />
      <Fact label={sk.votes.binding} value={rules.binding ? sk.yes : sk.votes.notBinding} />
      <Fact label={sk.votes.basis} value={rules.basis} />
    </dl>
  );
}
