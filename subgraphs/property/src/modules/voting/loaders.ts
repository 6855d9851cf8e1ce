// The voting module's DataLoaders: every edge from a list of votes (options, counts, the
// caller's units and ballots, comments) is one statement per request, whatever the list's size.
import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { coOwnerChoicesOf } from "./co-owner-choices.ts";
import { loadVotingDelegators, votingDelegatorsOf, type VotingDelegator } from "./access.ts";

export interface VotingUnitView {
  voteId: string;
  unitId: string;
  right: "OWNER" | "DELEGATE";
  ballotCast: boolean;
  /** The unit's current ballot (every co-owner is shown it: they vote as one owner). */
  ballot: UnitBallotView | null;
}

export interface UnitBallotView {
  id: string;
  castById: string;
  onBehalfOfId: string | null;
  castAt: Date;
  revision: number;
}

/** The units of these votes' frozen electorates the caller may vote for (as owner or delegate), with whether each has voted. */
async function loadMyVotingUnits(ctx: PropertyContext, voteIds: string[]): Promise<VotingUnitView[]> {
  if (!ctx.caller) return [];
  const me = ctx.caller.userId;
  const delegators = await votingDelegatorsOf(ctx);
  const people = [me, ...delegators.map((d) => d.fromUserId)];
  return ctx.db.read(async (tx) => {
    const rows = await tx.voteEligibleVoter.findMany({
      where: { voteId: { in: voteIds }, userId: { in: people } },
      select: { voteId: true, unitId: true, userId: true },
    });
    const units = new Map<string, VotingUnitView>();
    for (const row of rows) {
      // A delegation for one unit covers that unit only.
      const right =
        row.userId === me ? "OWNER" : delegators.some((d) => d.fromUserId === row.userId && (!d.unitId || d.unitId === row.unitId)) ? "DELEGATE" : null;
      const key = `${row.voteId}:${row.unitId}`;
      if (right && units.get(key)?.right !== "OWNER") units.set(key, { voteId: row.voteId, unitId: row.unitId, right, ballotCast: false, ballot: null });
    }
    if (units.size === 0) return [];
    const cast = await tx.ballot.findMany({
      where: { voteId: { in: voteIds }, unitId: { in: [...new Set([...units.values()].map((u) => u.unitId))] } },
      select: { id: true, voteId: true, unitId: true, castById: true, onBehalfOfId: true, castAt: true, revision: true },
    });
    for (const { voteId, unitId, ...ballot } of cast) {
      const unit = units.get(`${voteId}:${unitId}`);
      if (unit) Object.assign(unit, { ballotCast: true, ballot });
    }
    return [...units.values()];
  });
}

export function createVotingLoaders(ctx: PropertyContext) {
  let delegators: Promise<VotingDelegator[]> | undefined;
  return {
    /** The caller's voting delegators, read at most once per request. */
    votingDelegators: () => (delegators ??= loadVotingDelegators(ctx)),
    vote: loaderById((ids) => ctx.db.read((tx) => tx.vote.findMany({ where: { id: { in: ids } } }))),
    voteOption: loaderById((ids) => ctx.db.read((tx) => tx.voteOption.findMany({ where: { id: { in: ids } } }))),
    voteOptionsByVote: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.voteOption.findMany({ where: { voteId: { in: ids } }, orderBy: [{ position: "asc" }, { id: "asc" }] })),
      (option) => option.voteId,
    ),
    eligibleUnitCountByVote: loaderById((ids) =>
      ctx.db.read(async (tx) => {
        const groups = await tx.voteEligibleUnit.groupBy({ by: ["voteId"], where: { voteId: { in: ids } }, _count: { _all: true } });
        return groups.map((g) => ({ id: g.voteId, count: g._count._all }));
      }),
    ),
    myVotingUnitsByVote: loaderByParent(
      (ids) => loadMyVotingUnits(ctx, ids),
      (unit) => unit.voteId,
    ),
    /** Ballots the caller cast or that were cast for the caller: the only ballots anyone is shown. */
    myBallotsByVote: loaderByParent(
      (ids) =>
        ctx.db.read((tx) =>
          ctx.caller
            ? tx.ballot.findMany({
                where: { voteId: { in: ids }, OR: [{ castById: ctx.caller.userId }, { onBehalfOfId: ctx.caller.userId }] },
                orderBy: [{ castAt: "asc" }, { id: "asc" }],
              })
            : Promise.resolve([]),
        ),
      (ballot) => ballot.voteId,
    ),
    /** Revisions of ballots shown to a co-owner of their unit, oldest first. */
    revisionsByBallot: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.ballotRevision.findMany({ where: { ballotId: { in: ids } }, orderBy: [{ ballotId: "asc" }, { revision: "asc" }] })),
      (revision) => revision.ballotId,
    ),
    coOwnerChoicesByVote: loaderByParent(
      (ids) => ctx.db.read((tx) => coOwnerChoicesOf(tx, ids)),
      (choice) => choice.voteId,
    ),
    ballotChoicesByBallot: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.ballotChoice.findMany({ where: { ballotId: { in: ids } }, select: { ballotId: true, optionId: true } })),
      (choice) => choice.ballotId,
    ),
    voteCommentsByVote: loaderByParent(
      (ids) =>
        ctx.db.read((tx) => tx.voteComment.findMany({ where: { voteId: { in: ids }, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (comment) => comment.voteId,
    ),
  };
}
