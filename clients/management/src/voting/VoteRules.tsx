import { Fact } from "../Fact.tsx";
import { formatFraction } from "../format.ts";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { VoteDenominator } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import type { Messages } from "../i18n/messages.ts";

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

type Threshold = { of: VoteDenominator; strictlyMore: boolean; fraction: { numerator: number; denominator: number } };
const threshold = (t: Messages, rule: Threshold) => t.votes.threshold(formatFraction(rule.fraction), rule.strictlyMore, t.voteDenominator[rule.of]);

/** The rule set a vote is counted by, and the rule it applies to the vote's matter. */
export function VoteRules(props: { ruleSet: FragmentType<typeof VoteRulesFields> }) {
  const { t } = useI18n();
  const rules = getFragmentData(VoteRulesFields, props.ruleSet);
  return (
    <dl className="facts">
      <Fact label={t.votes.ruleSet} value={`${t.ruleSets[rules.key] ?? rules.title} (v${rules.version})`} />
      <Fact label={t.votes.weighting} value={t.voteWeighting[rules.weighting] + (rules.coOwnersShareOneVote ? `; ${t.votes.coOwners.toLowerCase()}` : "")} />
      <Fact label={t.votes.quorum} value={rules.quorum ? threshold(t, rules.quorum) : t.votes.noQuorum} />
      <Fact label={t.votes.majority} value={threshold(t, rules.majority)} />
      <Fact label={t.votes.binding} value={rules.binding ? t.yes : t.votes.notBinding} />
      <Fact label={t.votes.basis} value={rules.basis} />
    </dl>
  );
}
