// Share-weighted voting as v1, with co-owners who disagree resolved as in sk-182-1993 v2 (the
// Civil Code's majority by shares, § 139 ods. 2; no majority: the unit's vote is not counted).
import { byShareV1 } from "./by-share.v1.ts";
import type { RuleSet } from "./rule-set.ts";

export const byShareV2: RuleSet = {
  ...byShareV1,
  version: 2,
  coOwnerDisagreement: "MAJORITY_OF_SHARES",
  basis: "statutes; co-owners: Act 40/1964 Coll. § 139 ods. 2",
};
