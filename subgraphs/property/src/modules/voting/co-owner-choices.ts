// How the co-owners of one unit make its one vote (the rule set's `coOwnerDisagreement`), read
// from the ballot revisions: each co-owner's latest choice, with their share of the unit frozen
// with the electorate. One pure function decides; the tally and the manager's list of disputed
// units both call it, so they never disagree about which unit counts.
import { add, compare, divide, ratio, sum, ZERO, type Ratio } from "../buildings/index.ts";
import type { Tx } from "@ppt/server-kit";
import type { CoOwnerDisagreement } from "./rule-sets/index.ts";

export interface CoOwnerChoice {
  voteId: string;
  unitId: string;
  ownerId: string;
  share: { numerator: number; denominator: number };
  /** null: this co-owner has not voted (no revision stands for them). */
  optionIds: string[] | null;
  castAt: Date | null;
}

const choiceKey = (optionIds: readonly string[]) => [...optionIds].sort().join(",");
const shareOf = (c: CoOwnerChoice): Ratio => ratio(c.share.numerator, c.share.denominator);

/** Whether the co-owners who voted chose differently. */
export function coOwnersDisagree(owners: readonly CoOwnerChoice[]): boolean {
  return new Set(owners.filter((o) => o.optionIds).map((o) => choiceKey(o.optionIds!))).size > 1;
}

/**
 * The unit's vote, or null when it is not counted. `standing` is the ballot now standing for the
 * unit (the last cast). Under MAJORITY_OF_SHARES a choice needs more than half of the unit's
 * shares once co-owners disagree (Civil Code § 139 ods. 2; see rule-sets/sk-182-1993.v2.ts).
 */
export function unitVote(rule: CoOwnerDisagreement, standing: readonly string[], owners: readonly CoOwnerChoice[]): readonly string[] | null {
  if (rule === "LATEST_BALLOT_STANDS" || !coOwnersDisagree(owners)) return standing;
  const total = sum(owners.map(shareOf));
  const backing = new Map<string, { optionIds: string[]; weight: Ratio }>();
  for (const owner of owners) {
    if (!owner.optionIds) continue;
    const key = choiceKey(owner.optionIds);
    const entry = backing.get(key) ?? { optionIds: owner.optionIds, weight: ZERO };
    entry.weight = add(entry.weight, shareOf(owner));
    backing.set(key, entry);
  }
  for (const { optionIds, weight } of backing.values()) {
    const part = divide(weight, total);
    if (part && compare(part, ratio(1, 2)) > 0) return optionIds;
  }
  return null;
}

/**
 * Every frozen owner of every unit of these votes that has a ballot, with the latest choice of
 * the revisions cast for them (their own, their delegate's, or a paper ballot on their behalf), in
 * one statement.
 */
export async function coOwnerChoicesOf(tx: Tx, voteIds: readonly string[]): Promise<CoOwnerChoice[]> {
  const rows = await tx.$queryRaw<
    {
      vote_id: string;
      unit_id: string;
      user_id: string;
      share_numerator: number;
      share_denominator: number;
      option_ids: string[] | null;
      cast_at: Date | null;
    }[]
  >`
    SELECT v.vote_id::text, v.unit_id::text, v.user_id::text, v.share_numerator, v.share_denominator,
      latest.option_ids::text[] AS option_ids, latest.cast_at
    FROM property.vote_eligible_voters v
    JOIN property.ballots b ON b.vote_id = v.vote_id AND b.unit_id = v.unit_id
    LEFT JOIN LATERAL (
      SELECT r.option_ids, r.cast_at FROM property.ballot_revisions r
      WHERE r.ballot_id = b.id AND COALESCE(r.on_behalf_of_id, r.cast_by_id) = v.user_id
      ORDER BY r.revision DESC LIMIT 1
    ) latest ON true
    WHERE v.vote_id = ANY(${voteIds as string[]}::uuid[])
    ORDER BY v.vote_id, v.unit_id, v.user_id`;
  return rows.map((r) => ({
    voteId: r.vote_id,
    unitId: r.unit_id,
    ownerId: r.user_id,
    share: { numerator: r.share_numerator, denominator: r.share_denominator },
    optionIds: r.option_ids,
    castAt: r.cast_at,
  }));
}

/** Groups co-owner choices by unit. */
export function byUnit(choices: readonly CoOwnerChoice[]): Map<string, CoOwnerChoice[]> {
  const units = new Map<string, CoOwnerChoice[]>();
  for (const choice of choices) units.set(choice.unitId, [...(units.get(choice.unitId) ?? []), choice]);
  return units;
}
