// The co-owner rule alone: which choice is a unit's vote when its co-owners disagree.
import { describe, expect, it } from "vitest";
import { coOwnersDisagree, unitVote, type CoOwnerChoice } from "./co-owner-choices.ts";

const owner = (share: [number, number], optionIds: string[] | null): CoOwnerChoice => ({
  voteId: "v",
  unitId: "u",
  ownerId: `${share.join("/")}-${optionIds?.join() ?? "none"}`,
  share: { numerator: share[0], denominator: share[1] },
  optionIds,
  castAt: optionIds ? new Date() : null,
});

describe("a unit's one vote from its co-owners' choices", () => {
  it("v1: the latest ballot stands, whatever the others chose", () => {
    expect(unitVote("LATEST_BALLOT_STANDS", ["no"], [owner([1, 2], ["yes"]), owner([1, 2], ["no"])])).toEqual(["no"]);
  });

  it("v2: co-owners who agree, or one voting alone, cast the unit's vote", () => {
    expect(unitVote("MAJORITY_OF_SHARES", ["yes"], [owner([1, 2], ["yes"]), owner([1, 2], null)])).toEqual(["yes"]);
    expect(unitVote("MAJORITY_OF_SHARES", ["yes"], [owner([1, 2], ["yes"]), owner([1, 2], ["yes"])])).toEqual(["yes"]);
  });

  it("v2: a disagreement is decided by more than half of the unit's shares, not by who voted last", () => {
    expect(unitVote("MAJORITY_OF_SHARES", ["no"], [owner([2, 3], ["yes"]), owner([1, 3], ["no"])])).toEqual(["yes"]);
  });

  it("v2: without such a majority the unit's vote is not counted", () => {
    expect(unitVote("MAJORITY_OF_SHARES", ["no"], [owner([1, 2], ["yes"]), owner([1, 2], ["no"])])).toBeNull();
    // Half of the shares is not more than half, even when the other half did not vote.
    expect(unitVote("MAJORITY_OF_SHARES", ["a"], [owner([1, 2], ["a"]), owner([1, 4], ["b"]), owner([1, 4], null)])).toBeNull();
  });

  it("multiple choices disagree only when the sets differ, in any order", () => {
    expect(coOwnersDisagree([owner([1, 2], ["a", "b"]), owner([1, 2], ["b", "a"])])).toBe(false);
    expect(coOwnersDisagree([owner([1, 2], ["a", "b"]), owner([1, 2], ["a"])])).toBe(true);
  });
});
