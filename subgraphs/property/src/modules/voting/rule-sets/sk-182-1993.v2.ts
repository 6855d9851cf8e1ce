// Act No. 182/1993 Coll. as v1, and what v1 left unsaid: how the co-owners of one flat cast its
// one vote when they disagree.
//
// § 14 ods. 2: the co-owners of a flat or non-residential unit vote as ONE owner. How they reach
// that one will the act does not say, so the Civil Code's rule for co-owned things applies
// (Act No. 40/1964 Coll., § 139 ods. 2): co-owners decide by a majority counted by the size of
// their shares. So each co-owner's latest ballot counts with their share of the unit (frozen
// with the electorate), and the choice backed by MORE than half of the unit's shares is the
// unit's vote. With no such majority (equal shares that disagree, or a split no choice carries)
// § 139 ods. 2 leaves the decision to a court, which a vote cannot wait for: the unit's vote is
// NOT COUNTED (it takes no part), rather than counted as abstaining. Abstaining would still make
// the unit "present" and weigh against every option under a majority of the votes taking part,
// which is a will the co-owners never formed. Co-owners who agree, or one co-owner voting alone,
// cast the unit's vote as in v1.
import type { RuleSet } from "./rule-set.ts";
import { sk182of1993v1 } from "./sk-182-1993.v1.ts";

export const sk182of1993v2: RuleSet = {
  ...sk182of1993v1,
  version: 2,
  coOwnerDisagreement: "MAJORITY_OF_SHARES",
  basis: "§ 14, § 14 ods. 2; co-owners: Act 40/1964 Coll. § 139 ods. 2",
};
