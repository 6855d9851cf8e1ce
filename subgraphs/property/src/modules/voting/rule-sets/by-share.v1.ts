// Share-weighted voting, for statutes (stanovy) or jurisdictions that weigh each unit by its
// share of the common parts (e.g. 684/10000) instead of one vote per unit. Co-owners still cast
// their unit's ballot together. Thresholds mirror the usual ones, measured in shares.
import type { RuleSet } from "./rule-set.ts";

const MORE_THAN_HALF_OF_ALL = { of: "ALL_ELIGIBLE", fraction: [1, 2], strictlyMore: true } as const;

export const byShareV1: RuleSet = {
  key: "by-share",
  version: 1,
  title: "Share-weighted voting (by share of the common parts)",
  weighting: "BY_SHARE",
  coOwnersShareOneVote: true,
  coOwnerDisagreement: "LATEST_BALLOT_STANDS",
  basis: "statutes",
  matters: {
    ORDINARY: {
      quorum: MORE_THAN_HALF_OF_ALL,
      majority: { of: "PARTICIPATING", fraction: [1, 2], strictlyMore: true },
      binding: true,
      basis: "statutes: more than half of the shares taking part, more than half of all shares present",
    },
    ABSOLUTE_MAJORITY: { quorum: null, majority: MORE_THAN_HALF_OF_ALL, binding: true, basis: "statutes: more than half of all shares" },
    QUALIFIED_TWO_THIRDS: {
      quorum: null,
      majority: { of: "ALL_ELIGIBLE", fraction: [2, 3], strictlyMore: false },
      binding: true,
      basis: "statutes: two-thirds of all shares",
    },
    UNANIMOUS: { quorum: null, majority: { of: "ALL_ELIGIBLE", fraction: [1, 1], strictlyMore: false }, binding: true, basis: "statutes: all shares" },
    WRITTEN_BALLOT: { quorum: null, majority: MORE_THAN_HALF_OF_ALL, binding: true, basis: "statutes: more than half of all shares" },
    ADVISORY: { quorum: null, majority: { of: "PARTICIPATING", fraction: [1, 2], strictlyMore: true }, binding: false, basis: "—" },
  },
};
