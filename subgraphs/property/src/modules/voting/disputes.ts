// The manager's view of co-owners who disagree: units whose co-owners' latest ballots chose
// differently, who chose what, and whether the unit's vote counts under the vote's rule set.
// For a secret vote the choices stay hidden: staff learn only that the unit is disputed.
import type { Vote } from "@ppt/db/client";
import { requirePermission } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { byUnit, coOwnersDisagree, unitVote, type CoOwnerChoice } from "./co-owner-choices.ts";
import { ruleSetOf } from "./live-tally.ts";

export interface DisputedUnitView {
  unitId: string;
  counted: boolean;
  choices: CoOwnerChoice[];
}

export async function disputedUnitsOf(ctx: PropertyContext, vote: Vote): Promise<DisputedUnitView[]> {
  requirePermission(ctx.caller, "votes:write");
  const rule = ruleSetOf(vote).coOwnerDisagreement;
  const units = byUnit(await ctx.loaders.coOwnerChoicesByVote.load(vote.id));
  return [...units]
    .filter(([, owners]) => coOwnersDisagree(owners))
    .map(([unitId, owners]) => ({
      unitId,
      // The standing ballot is never empty, so only MAJORITY_OF_SHARES without a majority gives null.
      counted: unitVote(rule, ["standing"], owners) !== null,
      choices: vote.isSecret ? owners.map((o) => ({ ...o, optionIds: null })) : owners,
    }));
}
