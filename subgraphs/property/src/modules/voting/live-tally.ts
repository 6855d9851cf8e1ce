// The live tally. Each change to a vote's ballots (and its publication, closing, cancelling)
// recomputes the tally ONCE, from the database, inside that change's transaction, while the
// vote row is locked: it bumps votes.tally_version (BigInt, only ever rises), stores the tally
// in votes.result with that version, and writes the outbox event `vote.tally_updated`
// { voteId, version, organizationId } in the same transaction. Readers (queries, the live
// subscription) read the stored tally; nothing is ever accumulated from events.
import type { Prisma, Vote, VoteStatus } from "@ppt/db/client";
import { AppError, committedEvent, requirePermission, writeOutboxEvent, type CommittedEvent, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { visibleVote } from "./access.ts";
import { byUnit, coOwnerChoicesOf, unitVote } from "./co-owner-choices.ts";
import { ruleSetFor, type MatterRule, type RuleParams, type RuleSet, type Threshold } from "./rule-sets/index.ts";
import { tally, type EligibleUnit, type TallyResult } from "./tally.ts";

/** What votes.result holds: the tally as of one tally version. */
export interface StoredTally {
  version: string;
  tally: TallyResult;
}

export interface ThresholdView {
  of: Threshold["of"];
  fraction: { numerator: number; denominator: number };
  strictlyMore: boolean;
}

export interface VoteRuleSetView {
  key: string;
  version: number;
  title: string;
  weighting: RuleSet["weighting"];
  coOwnersShareOneVote: boolean;
  quorum: ThresholdView | null;
  majority: ThresholdView;
  binding: boolean;
  basis: string;
}

export type VoteResultsView = Omit<TallyResult, "rule" | "ruleSet"> & {
  voteId: string;
  version: string;
  status: VoteStatus;
  final: boolean;
  ruleSet: VoteRuleSetView;
};

export function ruleSetOf(vote: Pick<Vote, "ruleSetKey" | "ruleSetVersion">): RuleSet {
  const ruleSet = ruleSetFor(vote.ruleSetKey, vote.ruleSetVersion);
  // Rule sets are never removed: a vote naming an unknown one is corrupt data, not user error.
  if (!ruleSet) throw new Error(`Unknown rule set ${vote.ruleSetKey} v${vote.ruleSetVersion}`);
  return ruleSet;
}

const thresholdView = (t: Threshold): ThresholdView => ({
  of: t.of,
  fraction: { numerator: t.fraction[0], denominator: t.fraction[1] },
  strictlyMore: t.strictlyMore,
});

export function ruleSetView(ruleSet: RuleSet, rule: MatterRule): VoteRuleSetView {
  return {
    key: ruleSet.key,
    version: ruleSet.version,
    title: ruleSet.title,
    weighting: ruleSet.weighting,
    coOwnersShareOneVote: ruleSet.coOwnersShareOneVote,
    quorum: rule.quorum ? thresholdView(rule.quorum) : null,
    majority: thresholdView(rule.majority),
    binding: rule.binding,
    basis: rule.basis,
  };
}

/**
 * Locks the vote row for the rest of the transaction (ballots and state changes of one vote run
 * one at a time) and returns it, in one statement.
 */
export async function lockVote(tx: Tx, id: string): Promise<Vote> {
  const [vote] = await tx.$queryRaw<Vote[]>`
    SELECT id::text AS "id", organization_id::text AS "organizationId", building_id::text AS "buildingId", title, question, description,
      choice_type::text AS "choiceType", max_choices AS "maxChoices", matter_type::text AS "matterType",
      rule_set_key AS "ruleSetKey", rule_set_version AS "ruleSetVersion", rule_params AS "ruleParams", status::text AS "status",
      is_secret AS "isSecret", allow_ballot_change AS "allowBallotChange", starts_at AS "startsAt", ends_at AS "endsAt",
      created_by_id::text AS "createdById", published_at AS "publishedAt", closed_at AS "closedAt", cancelled_at AS "cancelledAt",
      eligibility_frozen_at AS "eligibilityFrozenAt", tally_version AS "tallyVersion", result, created_at AS "createdAt", updated_at AS "updatedAt"
    FROM property.votes WHERE id = ${id}::uuid FOR UPDATE`;
  if (!vote) throw AppError.notFound("Vote");
  return { ...vote, tallyVersion: BigInt(vote.tallyVersion) };
}

/**
 * The tally recomputed from the frozen electorate and the ballots as this transaction sees them,
 * in one statement. `optionIds` (in the vote's order) may be passed when already known: a vote's
 * options never change once it exists.
 */
export async function computeTally(tx: Tx, vote: Vote, optionIds?: readonly string[]): Promise<TallyResult> {
  const rows = await tx.$queryRaw<{ unit_id: string; weight_numerator: number; weight_denominator: number; voted: boolean; option_id: string | null }[]>`
    SELECT eu.unit_id::text AS unit_id, eu.weight_numerator, eu.weight_denominator, b.id IS NOT NULL AS voted, bc.option_id::text AS option_id
    FROM property.vote_eligible_units eu
    LEFT JOIN property.ballots b ON b.vote_id = eu.vote_id AND b.unit_id = eu.unit_id
    LEFT JOIN property.ballot_choices bc ON bc.ballot_id = b.id
    WHERE eu.vote_id = ${vote.id}::uuid`;
  const units = new Map<string, EligibleUnit>();
  const ballots = new Map<string, string[]>();
  for (const row of rows) {
    units.set(row.unit_id, { unitId: row.unit_id, share: { numerator: row.weight_numerator, denominator: row.weight_denominator } });
    if (!row.voted) continue;
    const chosen = ballots.get(row.unit_id) ?? [];
    if (row.option_id) chosen.push(row.option_id);
    ballots.set(row.unit_id, chosen);
  }
  const ruleSet = ruleSetOf(vote);
  if (ruleSet.coOwnerDisagreement !== "LATEST_BALLOT_STANDS" && ballots.size > 0) {
    const coOwners = byUnit(await coOwnerChoicesOf(tx, [vote.id]));
    for (const [unitId, standing] of ballots) {
      const counted = unitVote(ruleSet.coOwnerDisagreement, standing, coOwners.get(unitId) ?? []);
      if (counted) ballots.set(unitId, [...counted]);
      else ballots.delete(unitId);
    }
  }
  const options =
    optionIds ?? (await tx.voteOption.findMany({ where: { voteId: vote.id }, orderBy: { position: "asc" }, select: { id: true } })).map((o) => o.id);
  return tally(
    ruleSet,
    [...units.values()],
    [...ballots].map(([unitId, chosen]) => ({ unitId, optionIds: chosen })),
    {
      matterType: vote.matterType,
      optionIds: options,
      params: vote.ruleParams as RuleParams,
    },
  );
}

/**
 * The one place a tally is computed for a change: `lockedVote` must have been locked by
 * `lockVote` in this transaction. Returns the vote with its new version and the outbox event,
 * to hand to `ctx.events.committed` once the transaction has committed.
 */
export async function storeTally(tx: Tx, lockedVote: Vote, optionIds?: readonly string[]): Promise<{ vote: Vote; event: CommittedEvent }> {
  const result = await computeTally(tx, lockedVote, optionIds);
  const version = lockedVote.tallyVersion + 1n;
  const stored: StoredTally = { version: version.toString(), tally: result };
  const vote = await tx.vote.update({ where: { id: lockedVote.id }, data: { tallyVersion: version, result: stored as unknown as Prisma.InputJsonValue } });
  const event = {
    aggregateType: "vote",
    aggregateId: vote.id,
    eventType: "vote.tally_updated",
    organizationId: vote.organizationId,
    payload: { voteId: vote.id, version: version.toString(), organizationId: vote.organizationId },
  };
  return { vote, event: committedEvent(await writeOutboxEvent(tx, event), event) };
}

function resultsView(vote: Vote, stored: TallyResult): VoteResultsView {
  const { rule, ruleSet: _ruleSet, ...counts } = stored;
  return {
    ...counts,
    voteId: vote.id,
    version: vote.tallyVersion.toString(),
    status: vote.status,
    final: vote.status === "CLOSED",
    ruleSet: ruleSetView(ruleSetOf(vote), rule),
  };
}

/** The results of a vote the caller may already see: the stored tally of its current version. */
export async function resultsOf(ctx: PropertyContext, vote: Vote): Promise<VoteResultsView> {
  const stored = vote.result as unknown as StoredTally | null;
  if (stored?.version === vote.tallyVersion.toString() && stored.tally) return resultsView(vote, stored.tally);
  // A vote written without the live path (a draft, imported or seeded data): count it now, store nothing.
  return resultsView(vote, await ctx.db.read((tx) => computeTally(tx, vote)));
}

/**
 * The tally with its version, for queries and the live `voteTallyUpdated` subscription (which
 * calls this once per change, with a fresh context). NOT_FOUND when the caller may not see the vote.
 */
export async function getVoteTally(ctx: PropertyContext, voteId: string): Promise<VoteResultsView> {
  requirePermission(ctx.caller, "votes:read");
  return resultsOf(ctx, await visibleVote(ctx, voteId));
}
