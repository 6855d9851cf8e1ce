// The counting rules, one test per rule, each naming its paragraph. Pure: the rule sets are data
// and `tally` is the one function that reads them.
import { VoteMatterType } from "@ppt/db/client";
import { describe, expect, it } from "vitest";
import { decimalOf, ratio } from "../buildings/index.ts";
import { byShareV1 } from "./rule-sets/by-share.v1.ts";
import { byShareV2 } from "./rule-sets/by-share.v2.ts";
import { effectiveRule, latestRuleSet, ruleSetFor, ruleSets } from "./rule-sets/index.ts";
import { sk182of1993v1 as sk } from "./rule-sets/sk-182-1993.v1.ts";
import { sk182of1993v2 } from "./rule-sets/sk-182-1993.v2.ts";
import { tally, type EligibleUnit, type TalliedBallot } from "./tally.ts";

const YES = "yes";
const NO = "no";
const ABSTAIN = "abstain";
const OPTIONS = [YES, NO, ABSTAIN];

/** n units u0…u(n-1), each with the share given (default: equal shares). */
function building(n: number, share = (_i: number) => ({ numerator: 1, denominator: n })): EligibleUnit[] {
  return Array.from({ length: n }, (_, i) => ({ unitId: `u${i}`, share: share(i) }));
}

/** Ballots: the first `yes` units vote YES, the next `no` NO, the next `abstain` ABSTAIN. */
function ballots(yes: number, no = 0, abstain = 0): TalliedBallot[] {
  const choices = [...Array(yes).fill(YES), ...Array(no).fill(NO), ...Array(abstain).fill(ABSTAIN)] as string[];
  return choices.map((choice, i) => ({ unitId: `u${i}`, optionIds: [choice] }));
}

const count = (matterType: VoteMatterType, units: EligibleUnit[], cast: TalliedBallot[], ruleSet = sk) =>
  tally(ruleSet, units, cast, { matterType, optionIds: OPTIONS });
const option = (result: ReturnType<typeof tally>, id: string) => result.options.find((o) => o.optionId === id)!;

describe("sk-182-1993 v1: Act No. 182/1993 Coll. on the ownership of flats and non-residential premises", () => {
  it("§ 14 — one vote per flat or non-residential unit, regardless of its share", () => {
    // A penthouse with 90 % of the common parts is outvoted by the two small flats.
    const units = building(3, (i) => (i === 0 ? { numerator: 90, denominator: 100 } : { numerator: 5, denominator: 100 }));
    const result = count("ORDINARY", units, [
      { unitId: "u0", optionIds: [YES] },
      { unitId: "u1", optionIds: [NO] },
      { unitId: "u2", optionIds: [NO] },
    ]);
    expect(result.weighting).toBe("PER_UNIT");
    expect(result.eligibleWeight).toMatchObject({ numerator: "3", denominator: "1" });
    expect(option(result, YES).weight).toMatchObject({ numerator: "1", denominator: "1" });
    expect(option(result, NO).weight).toMatchObject({ numerator: "2", denominator: "1" });
    expect(option(result, NO).carried).toBe(true);
    expect(option(result, YES).carried).toBe(false);
  });

  it("§ 14 — co-owners of a unit share that one vote: one ballot per unit, never one per co-owner", () => {
    expect(sk.coOwnersShareOneVote).toBe(true);
    // The electorate lists units, not people: a unit of three co-owners weighs 1 like any other.
    const units = building(2);
    expect(count("ORDINARY", units, ballots(1, 1)).participatingWeight.numerator).toBe("2");
    expect(() =>
      count("ORDINARY", units, [
        { unitId: "u0", optionIds: [YES] },
        { unitId: "u0", optionIds: [NO] },
      ]),
    ).toThrow(/Two ballots for unit u0/);
    expect(() => tally({ ...sk, coOwnersShareOneVote: false }, units, [], { matterType: "ORDINARY", optionIds: OPTIONS })).toThrow(/co-owners/);
  });

  it("§ 14a — a meeting decides only when owners with more than half of all votes take part", () => {
    const units = building(10);
    const half = count("ORDINARY", units, ballots(5));
    expect(half.quorumReached).toBe(false);
    expect(half.outcome).toBe("NO_QUORUM");
    expect(option(half, YES).carried).toBe(false);
    const more = count("ORDINARY", units, ballots(6));
    expect(more.quorumReached).toBe(true);
    expect(more.outcome).toBe("OPTION_CARRIED");
    expect(more.rule.quorum).toEqual({ of: "ALL_ELIGIBLE", fraction: [1, 2], strictlyMore: true });
  });

  it("§ 14b ods. 4 — other matters: more than half of the votes of the owners taking part", () => {
    const units = building(10);
    const carried = count("ORDINARY", units, ballots(4, 2, 1));
    expect(option(carried, YES).shareOfParticipating).toMatchObject({ numerator: "4", denominator: "7" });
    expect(option(carried, YES).shareOfEligible).toMatchObject({ numerator: "2", denominator: "5" });
    expect(option(carried, YES).carried).toBe(true);
    // Exactly half of those taking part is not a majority; abstentions take part.
    const tied = count("ORDINARY", units, ballots(3, 2, 1));
    expect(tied.quorumReached).toBe(true);
    expect(tied.majorityReached).toBe(false);
    expect(tied.outcome).toBe("NO_OPTION_CARRIED");
    expect(tied.rule.basis).toContain("§ 14b ods. 4");
  });

  it("§ 14b ods. 1 — matters the act lists need more than half of ALL owners' votes", () => {
    const units = building(10);
    // 5 of the 7 taking part, but only half of all 10.
    const half = count("ABSOLUTE_MAJORITY", units, ballots(5, 2));
    expect(option(half, YES).shareOfParticipating).toMatchObject({ numerator: "5", denominator: "7" });
    expect(option(half, YES).carried).toBe(false);
    expect(half.outcome).toBe("NO_OPTION_CARRIED");
    expect(option(count("ABSOLUTE_MAJORITY", units, ballots(6, 1)), YES).carried).toBe(true);
  });

  it("§ 14b ods. 1 — a written ballot (písomné hlasovanie) needs more than half of ALL owners' votes", () => {
    const units = building(8);
    const written = count("WRITTEN_BALLOT", units, ballots(4));
    expect(written.rule.majority).toEqual({ of: "ALL_ELIGIBLE", fraction: [1, 2], strictlyMore: true });
    expect(written.quorumReached).toBe(true);
    expect(option(written, YES).carried).toBe(false);
    expect(option(count("WRITTEN_BALLOT", units, ballots(5)), YES).carried).toBe(true);
  });

  it("§ 14b ods. 2 — two-thirds of all owners for a loan (and its security, superstructures, changes of shares)", () => {
    const nine = building(9);
    // Exactly two-thirds is enough ("dvojtretinová väčšina": at least two-thirds).
    const exactly = count("QUALIFIED_TWO_THIRDS", nine, ballots(6, 3));
    expect(option(exactly, YES).shareOfEligible).toMatchObject({ numerator: "2", denominator: "3", decimal: "0.666667" });
    expect(option(exactly, YES).carried).toBe(true);
    // Everyone who took part said yes, but 5 of 9 owners is not two-thirds of ALL.
    const unanimousButFew = count("QUALIFIED_TWO_THIRDS", nine, ballots(5));
    expect(option(unanimousButFew, YES).shareOfParticipating).toMatchObject({ numerator: "1", denominator: "1" });
    expect(option(unanimousButFew, YES).carried).toBe(false);
    const ten = building(10);
    expect(option(count("QUALIFIED_TWO_THIRDS", ten, ballots(6, 4)), YES).carried).toBe(false);
    expect(option(count("QUALIFIED_TWO_THIRDS", ten, ballots(7, 3)), YES).carried).toBe(true);
  });

  it("§ 14b — where the act requires every owner's consent, one missing owner defeats the motion", () => {
    const units = building(4);
    expect(count("UNANIMOUS", units, ballots(3)).outcome).toBe("NO_OPTION_CARRIED");
    expect(count("UNANIMOUS", units, ballots(4)).outcome).toBe("OPTION_CARRIED");
  });

  it("an advisory poll is counted among those taking part and is not binding", () => {
    const result = count("ADVISORY", building(20), ballots(2, 1));
    expect(result.rule.binding).toBe(false);
    expect(result.outcome).toBe("OPTION_CARRIED");
  });

  it("carries both denominators: all eligible votes and the votes taking part", () => {
    const result = count("ORDINARY", building(12), ballots(5, 2));
    expect(result).toMatchObject({
      eligibleUnitCount: 12,
      participatingUnitCount: 7,
      eligibleWeight: { numerator: "12", denominator: "1" },
      participatingWeight: { numerator: "7", denominator: "1" },
      turnout: { numerator: "7", denominator: "12", decimal: "0.583333" },
    });
  });
});

describe("by-share v1: weighted by share of the common parts", () => {
  it("weighs each unit by its share, exactly: three thirds are one, two of them exactly two-thirds", () => {
    const thirds = building(3, () => ({ numerator: 1, denominator: 3 }));
    const result = count("QUALIFIED_TWO_THIRDS", thirds, ballots(2, 1), byShareV1);
    expect(result.weighting).toBe("BY_SHARE");
    expect(result.eligibleWeight).toMatchObject({ numerator: "1", denominator: "1", decimal: "1" });
    expect(option(result, YES).weight).toMatchObject({ numerator: "2", denominator: "3" });
    expect(option(result, YES).carried).toBe(true);
  });

  it("counts shares that add up to the whole as exactly the whole, where floats fall short", () => {
    const shares = [2, 7, 1];
    const units = building(3, (i) => ({ numerator: shares[i]!, denominator: 10 }));
    // In floats 0.2 + 0.7 + 0.1 = 0.9999999999999999: "every owner agreed" would be missed.
    expect(0.2 + 0.7 + 0.1 < 1).toBe(true);
    const result = count("UNANIMOUS", units, ballots(3), byShareV1);
    expect(option(result, YES).shareOfEligible).toMatchObject({ numerator: "1", denominator: "1", decimal: "1" });
    expect(option(result, YES).carried).toBe(true);
  });

  it("a large share outweighs several small ones", () => {
    const units = building(3, (i) => (i === 0 ? { numerator: 6523, denominator: 10000 } : { numerator: 17385, denominator: 100000 }));
    const result = count(
      "ABSOLUTE_MAJORITY",
      units,
      [
        { unitId: "u0", optionIds: [YES] },
        { unitId: "u1", optionIds: [NO] },
        { unitId: "u2", optionIds: [NO] },
      ],
      byShareV1,
    );
    expect(option(result, YES).shareOfEligible).toMatchObject({ numerator: "6523", denominator: "10000", decimal: "0.6523" });
    expect(option(result, YES).carried).toBe(true);
    expect(option(result, NO).carried).toBe(false);
  });

  it("keeps exact digits beyond 32-bit and float range (no rounding drift)", () => {
    const primes = [999_999_937, 999_999_929, 999_999_893];
    const units = primes.map((p, i) => ({ unitId: `u${i}`, share: { numerator: 1, denominator: p } }));
    const result = count("ORDINARY", units, ballots(3), byShareV1);
    const [a, b, c] = primes.map(BigInt) as [bigint, bigint, bigint];
    const expected = ratio(b * c + a * c + a * b, a * b * c); // 1/a + 1/b + 1/c
    expect(result.eligibleWeight.numerator).toBe(expected.n.toString());
    expect(result.eligibleWeight.denominator).toBe(expected.d.toString());
    expect(BigInt(result.eligibleWeight.denominator) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(option(result, YES).shareOfParticipating).toMatchObject({ numerator: "1", denominator: "1" });
  });
});

describe("the rule sets are complete data", () => {
  it("give every matter type a rule, with quorums over all eligible votes and thresholds in (0, 1]", () => {
    for (const ruleSet of ruleSets) {
      expect(Object.keys(ruleSet.matters).sort()).toEqual(Object.values(VoteMatterType).sort());
      for (const rule of Object.values(ruleSet.matters)) {
        for (const threshold of [rule.majority, ...(rule.quorum ? [rule.quorum] : [])]) {
          const [n, d] = threshold.fraction;
          expect(n > 0 && d > 0 && n <= d).toBe(true);
        }
        if (rule.quorum) expect(rule.quorum.of).toBe("ALL_ELIGIBLE");
        expect(rule.basis.length).toBeGreaterThan(0);
      }
    }
  });

  it("are found by key and version, the default being Slovak law", () => {
    expect(ruleSetFor("sk-182-1993", 1)).toBe(sk);
    expect(latestRuleSet("by-share")).toBe(byShareV2);
    expect(latestRuleSet("sk-182-1993")).toBe(sk182of1993v2);
    // v2 changes only how co-owners who disagree are counted: every threshold stays v1's.
    expect(sk182of1993v2.matters).toBe(sk.matters);
    expect([sk.coOwnerDisagreement, sk182of1993v2.coOwnerDisagreement]).toEqual(["LATEST_BALLOT_STANDS", "MAJORITY_OF_SHARES"]);
    expect(ruleSetFor("sk-182-1993", 99)).toBeNull();
  });

  it("let a vote raise its quorum, never lower it", () => {
    const stricter = effectiveRule(sk, "ORDINARY", { quorum: { fraction: [2, 3], strictlyMore: false } });
    expect(stricter.quorum).toEqual({ of: "ALL_ELIGIBLE", fraction: [2, 3], strictlyMore: false });
    const laxer = effectiveRule(sk, "ORDINARY", { quorum: { fraction: [1, 3], strictlyMore: true } });
    expect(laxer.quorum).toEqual(sk.matters.ORDINARY.quorum);
    const result = tally(sk, building(10), ballots(6), {
      matterType: "ORDINARY",
      optionIds: OPTIONS,
      params: { quorum: { fraction: [2, 3], strictlyMore: false } },
    });
    expect(result.outcome).toBe("NO_QUORUM");
  });
});

describe("exact decimals", () => {
  it("round half up for display only", () => {
    expect(decimalOf(ratio(2, 3))).toBe("0.666667");
    expect(decimalOf(ratio(1, 8))).toBe("0.125");
    expect(decimalOf(ratio(7, 1))).toBe("7");
    expect(decimalOf(ratio(1, 2_000_000))).toBe("0.000001");
  });
});
