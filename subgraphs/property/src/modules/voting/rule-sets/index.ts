// The rule sets a vote can be counted under, by (key, version). A vote records the version it
// was created with, so publishing a v2 never recounts a vote held under v1.
import type { VoteMatterType } from "@ppt/db/client";
import { compare, ratio } from "../../buildings/index.ts";
import { byShareV1 } from "./by-share.v1.ts";
import { byShareV2 } from "./by-share.v2.ts";
import type { MatterRule, QuorumThreshold, RuleSet, Threshold } from "./rule-set.ts";
import { sk182of1993v1 } from "./sk-182-1993.v1.ts";
import { sk182of1993v2 } from "./sk-182-1993.v2.ts";

export type { CoOwnerDisagreement, Denominator, MatterRule, QuorumThreshold, RuleSet, Threshold, Weighting } from "./rule-set.ts";

export const ruleSets: readonly RuleSet[] = [sk182of1993v1, sk182of1993v2, byShareV1, byShareV2];

export const DEFAULT_RULE_SET_KEY = sk182of1993v1.key;

export function ruleSetFor(key: string, version: number): RuleSet | null {
  return ruleSets.find((r) => r.key === key && r.version === version) ?? null;
}

export function latestRuleSet(key: string): RuleSet | null {
  return ruleSets.filter((r) => r.key === key).sort((a, b) => b.version - a.version)[0] ?? null;
}

/** Per-vote parameters kept in votes.rule_params: a quorum the organization's statutes set higher. */
export interface RuleParams {
  quorum?: { fraction: [number, number]; strictlyMore: boolean } | null;
}

const level = (t: Pick<Threshold, "fraction">) => ratio(t.fraction[0], t.fraction[1]);

/** Whether threshold a demands at least as much as b (same denominator). */
export function isAtLeastAsStrict(a: Pick<Threshold, "fraction" | "strictlyMore">, b: Pick<Threshold, "fraction" | "strictlyMore">): boolean {
  const order = compare(level(a), level(b));
  return order > 0 || (order === 0 && (a.strictlyMore || !b.strictlyMore));
}

/**
 * The rule a vote on this matter is counted by: the rule set's, with the vote's own quorum when
 * its statutes demand more (a laxer one is refused when the vote is created).
 */
export function effectiveRule(ruleSet: RuleSet, matterType: VoteMatterType, params: RuleParams | null | undefined): MatterRule {
  const rule = ruleSet.matters[matterType];
  const own = params?.quorum;
  if (!own) return rule;
  const quorum: QuorumThreshold = { of: "ALL_ELIGIBLE", fraction: own.fraction, strictlyMore: own.strictlyMore };
  return rule.quorum && !isAtLeastAsStrict(quorum, rule.quorum) ? rule : { ...rule, quorum };
}
