// The shape of a vote-counting rule set. Rule sets are DATA — one declarative object per
// (key, version), chosen per vote (votes.rule_set_key + rule_set_version) — and exactly one pure
// function, `tally` (../tally.ts), interprets them. A new statute or an amended act is a new
// file with a new version; votes already held keep the version they were counted under.
import type { VoteMatterType } from "@ppt/db/client";

/** PER_UNIT: every eligible unit weighs 1, whatever its share. BY_SHARE: a unit weighs its share of the common parts. */
export type Weighting = "PER_UNIT" | "BY_SHARE";

/** What a threshold is a fraction of: the votes of ALL eligible units, or the votes of the units taking part. */
export type Denominator = "ALL_ELIGIBLE" | "PARTICIPATING";

export type CoOwnerDisagreement = "LATEST_BALLOT_STANDS" | "MAJORITY_OF_SHARES";

export interface Threshold {
  of: Denominator;
  /** [numerator, denominator], e.g. [2, 3] */
  fraction: readonly [number, number];
  /** true: more than the fraction ("nadpolovičná väčšina"); false: at least the fraction ("dvojtretinová väčšina"). */
  strictlyMore: boolean;
}

/** Participation needed before anything can be decided: always a fraction of ALL eligible votes. */
export type QuorumThreshold = Threshold & { of: "ALL_ELIGIBLE" };

export interface MatterRule {
  /** null: no separate quorum (a majority of all votes already implies enough participation). */
  quorum: QuorumThreshold | null;
  /** An option carries when the votes for it reach this. */
  majority: Threshold;
  /** false for consultative votes: the outcome is a recommendation, not a decision. */
  binding: boolean;
  /** Where the rule comes from (the paragraph of the act, or "statutes"). */
  basis: string;
}

export interface RuleSet {
  key: string;
  version: number;
  title: string;
  weighting: Weighting;
  /**
   * Co-owners of one unit cast ONE ballot together (one vote, or the unit's one share). The
   * ballot model (one ballot per vote and unit, a database constraint) supports nothing else,
   * so a rule set that says false is refused by `tally`.
   */
  coOwnersShareOneVote: boolean;
  /**
   * When co-owners of one unit cast different choices. LATEST_BALLOT_STANDS (v1): the last
   * ballot cast for the unit is its vote. MAJORITY_OF_SHARES: each co-owner's latest choice
   * counts with their share of the unit; the choice backed by more than half of the unit's
   * shares is its vote, and without such a majority the unit's vote is not counted.
   */
  coOwnerDisagreement: CoOwnerDisagreement;
  /** Where the weighting and the co-owner rule come from. */
  basis: string;
  matters: Readonly<Record<VoteMatterType, MatterRule>>;
}
