// THE interpreter of rule sets: one pure function from (rule set, frozen electorate, ballots) to
// the tally. No rule of any act lives anywhere else — resolvers, services and the scheduler all
// call this, with a rule set chosen by the vote (rule-sets/). Weights are exact (ratio.ts).
import type { VoteMatterType } from "@ppt/db/client";
import { add, compare, divide, exactFraction, ONE, ratio, sum, ZERO, type ExactFraction, type Ratio } from "../buildings/index.ts";
import { effectiveRule, type MatterRule, type RuleParams, type RuleSet, type Threshold, type Weighting } from "./rule-sets/index.ts";

/** A unit of the frozen electorate and its share of the common parts (frozen with it). */
export interface EligibleUnit {
  unitId: string;
  share: { numerator: number; denominator: number };
}

/** One unit's ballot: the options it chose (one for a single-choice vote). */
export interface TalliedBallot {
  unitId: string;
  optionIds: readonly string[];
}

/** What is being decided: the matter (which rule applies), the options, and the vote's own parameters. */
export interface Motion {
  matterType: VoteMatterType;
  optionIds: readonly string[];
  params?: RuleParams | null;
}

export type VoteOutcome = "OPTION_CARRIED" | "NO_OPTION_CARRIED" | "NO_QUORUM";

export interface OptionTally {
  optionId: string;
  ballotCount: number;
  weight: ExactFraction;
  /** The option's votes as a fraction of ALL eligible votes. */
  shareOfEligible: ExactFraction | null;
  /** …and of the votes taking part (null while nobody has voted). */
  shareOfParticipating: ExactFraction | null;
  /** Reached the required majority (and the quorum, if any). */
  carried: boolean;
}

export interface TallyResult {
  ruleSet: { key: string; version: number };
  matterType: VoteMatterType;
  weighting: Weighting;
  /** The rule applied: quorum and majority required, whether binding, its legal basis. */
  rule: MatterRule;
  eligibleUnitCount: number;
  participatingUnitCount: number;
  /** Denominator one: the votes of ALL eligible units. */
  eligibleWeight: ExactFraction;
  /** Denominator two: the votes of the units taking part. */
  participatingWeight: ExactFraction;
  /** participatingWeight / eligibleWeight */
  turnout: ExactFraction | null;
  options: OptionTally[];
  quorumReached: boolean;
  majorityReached: boolean;
  outcome: VoteOutcome;
}

function reaches(votes: Ratio, of: Ratio, threshold: Pick<Threshold, "fraction" | "strictlyMore">): boolean {
  const share = divide(votes, of);
  if (!share) return false;
  const order = compare(share, ratio(threshold.fraction[0], threshold.fraction[1]));
  return threshold.strictlyMore ? order > 0 : order >= 0;
}

const exactOrNull = (r: Ratio | null) => (r ? exactFraction(r) : null);

export function tally(ruleSet: RuleSet, eligibility: readonly EligibleUnit[], ballots: readonly TalliedBallot[], motion: Motion): TallyResult {
  if (!ruleSet.coOwnersShareOneVote) throw new Error(`Rule set ${ruleSet.key} v${ruleSet.version}: ballots are per unit, co-owners cannot vote separately`);
  const rule = effectiveRule(ruleSet, motion.matterType, motion.params);
  const weightOf = (unit: EligibleUnit): Ratio => (ruleSet.weighting === "PER_UNIT" ? ONE : ratio(unit.share.numerator, unit.share.denominator));
  const weights = new Map(eligibility.map((unit) => [unit.unitId, weightOf(unit)]));
  const eligibleWeight = sum(weights.values());

  const perOption = new Map(motion.optionIds.map((id) => [id, { count: 0, weight: ZERO }]));
  const voted = new Set<string>();
  let participatingWeight = ZERO;
  for (const ballot of ballots) {
    const weight = weights.get(ballot.unitId);
    // The database guarantees both (foreign key to the electorate, UNIQUE(vote_id, unit_id)).
    if (!weight) throw new Error(`Ballot for unit ${ballot.unitId}, which is not in the electorate`);
    if (voted.has(ballot.unitId)) throw new Error(`Two ballots for unit ${ballot.unitId}`);
    voted.add(ballot.unitId);
    participatingWeight = add(participatingWeight, weight);
    for (const optionId of new Set(ballot.optionIds)) {
      const option = perOption.get(optionId);
      if (!option) throw new Error(`Ballot for unit ${ballot.unitId} chose ${optionId}, not an option of this vote`);
      option.count += 1;
      option.weight = add(option.weight, weight);
    }
  }

  const denominators = { ALL_ELIGIBLE: eligibleWeight, PARTICIPATING: participatingWeight };
  const quorumReached = !rule.quorum || reaches(participatingWeight, denominators[rule.quorum.of], rule.quorum);
  const options = motion.optionIds.map((optionId): OptionTally => {
    const { count, weight } = perOption.get(optionId)!;
    return {
      optionId,
      ballotCount: count,
      weight: exactFraction(weight),
      shareOfEligible: exactOrNull(divide(weight, eligibleWeight)),
      shareOfParticipating: exactOrNull(divide(weight, participatingWeight)),
      carried: quorumReached && reaches(weight, denominators[rule.majority.of], rule.majority),
    };
  });
  const majorityReached = options.some((o) => o.carried);
  return {
    ruleSet: { key: ruleSet.key, version: ruleSet.version },
    matterType: motion.matterType,
    weighting: ruleSet.weighting,
    rule,
    eligibleUnitCount: weights.size,
    participatingUnitCount: voted.size,
    eligibleWeight: exactFraction(eligibleWeight),
    participatingWeight: exactFraction(participatingWeight),
    turnout: exactOrNull(divide(participatingWeight, eligibleWeight)),
    options,
    quorumReached,
    majorityReached,
    outcome: !quorumReached ? "NO_QUORUM" : majorityReached ? "OPTION_CARRIED" : "NO_OPTION_CARRIED",
  };
}
