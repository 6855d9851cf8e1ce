// Slovak law on apartment ownership: Act No. 182/1993 Coll. on the ownership of flats and
// non-residential premises, § 14 – § 14b, in the wording in force. The default rule set.
//
// - Each flat or non-residential unit has ONE vote, whatever its share of the common parts;
//   the co-owners of a unit share that one vote (§ 14).
// - Matters the act lists need more than half of the votes of ALL owners in the building
//   (§ 14b ods. 1), as does a written ballot (písomné hlasovanie).
// - Loans and their security, superstructures and built-in additions, changes of the use of
//   common parts and changes of the owners' shares need two-thirds of ALL votes (§ 14b ods. 2).
// - Any other matter is decided at a meeting of owners (schôdza vlastníkov) by more than half of
//   the votes of the owners present (§ 14b ods. 4), and the meeting can decide only when owners
//   holding more than half of all votes are present (§ 14a).
// In an electronic vote, "present" means "has cast a ballot": the owners taking part.
import type { RuleSet } from "./rule-set.ts";

const MORE_THAN_HALF_OF_ALL = { of: "ALL_ELIGIBLE", fraction: [1, 2], strictlyMore: true } as const;

export const sk182of1993v1: RuleSet = {
  key: "sk-182-1993",
  version: 1,
  title: "Zákon č. 182/1993 Z. z. o vlastníctve bytov a nebytových priestorov, § 14 – § 14b",
  weighting: "PER_UNIT",
  coOwnersShareOneVote: true,
  coOwnerDisagreement: "LATEST_BALLOT_STANDS",
  basis: "§ 14",
  matters: {
    ORDINARY: {
      quorum: MORE_THAN_HALF_OF_ALL,
      majority: { of: "PARTICIPATING", fraction: [1, 2], strictlyMore: true },
      binding: true,
      basis: "§ 14b ods. 4, § 14a",
    },
    ABSOLUTE_MAJORITY: { quorum: null, majority: MORE_THAN_HALF_OF_ALL, binding: true, basis: "§ 14b ods. 1" },
    QUALIFIED_TWO_THIRDS: {
      quorum: null,
      majority: { of: "ALL_ELIGIBLE", fraction: [2, 3], strictlyMore: false },
      binding: true,
      basis: "§ 14b ods. 2",
    },
    // Where the act requires the consent of every owner.
    UNANIMOUS: { quorum: null, majority: { of: "ALL_ELIGIBLE", fraction: [1, 1], strictlyMore: false }, binding: true, basis: "§ 14b" },
    WRITTEN_BALLOT: { quorum: null, majority: MORE_THAN_HALF_OF_ALL, binding: true, basis: "§ 14b ods. 1 (písomné hlasovanie)" },
    // An opinion poll of the owners: not a decision under the act.
    ADVISORY: { quorum: null, majority: { of: "PARTICIPATING", fraction: [1, 2], strictlyMore: true }, binding: false, basis: "—" },
  },
};
