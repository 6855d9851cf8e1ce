// Casting a ballot. One ballot per (vote, unit), enforced by the database (UNIQUE(vote_id,
// unit_id)) even under concurrent casts: the insert is ON CONFLICT DO NOTHING, and when the unit
// has already voted the ballot is either refused (CONFLICT) or, where the vote allows changes,
// updated in place (revision + 1). Co-owners of a unit vote as one owner (the rule set's
// `coOwners`): a ballot of one co-owner replaces another's, and the others are told through the
// outbox event `vote.unit_ballot_replaced` (it names them: the notification worker sends it). The whole cast — ballot, choices, the recomputed tally with
// its new version, the outbox event and the audit entry — is one transaction under the vote's
// row lock, so ballots of one vote are applied one at a time and every tally version matches
// exactly the ballots committed with it.
//
// The common case (an owner, or staff entering a paper ballot) is that one transaction and
// nothing else: a request never holds a read connection while it waits for the write one, which
// matters when a whole building votes at once. A delegate's ballot first looks up the delegation
// (another module's read), then runs the same transaction.
import type { Ballot, Vote, VoteOption } from "@ppt/db/client";
import { AppError, parseInput, requirePermission, writeAuditLog, writeOutboxEvent, type CommittedEvent, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { PropertyContext } from "../../context.ts";
import { delegatedAuthority, directAuthority, isVoteStaff, visibleVote, type BallotAuthority, type BallotRequest } from "./access.ts";
import { lockVote, storeTally } from "./live-tally.ts";

const castSchema = z.object({
  voteId: z.uuid(),
  unitId: z.uuid(),
  optionIds: z
    .array(z.uuid())
    .min(1, "choose at least one option")
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, "each option once"),
  paper: z.boolean().nullish(),
  onBehalfOf: z.uuid().nullish(),
});

type CastInput = z.output<typeof castSchema>;

/** Thrown inside the transaction (rolling it back) when only a delegation could give the right to vote. */
class DelegationNeeded extends Error {
  constructor(readonly frozenOwners: string[]) {
    super("delegation needed");
  }
}

interface Cast {
  ballot: Ballot;
  optionIds: string[];
  options: VoteOption[];
  vote: Vote;
  event: CommittedEvent;
}

function checkChoices(vote: Vote, options: VoteOption[], optionIds: readonly string[]): void {
  const known = new Set(options.map((o) => o.id));
  if (!optionIds.every((id) => known.has(id))) throw AppError.badInput("Not an option of this vote", { field: "input.optionIds" });
  if (vote.choiceType === "SINGLE" && optionIds.length !== 1) throw AppError.badInput("Choose exactly one option", { field: "input.optionIds" });
  if (vote.choiceType === "MULTIPLE" && optionIds.length > (vote.maxChoices ?? options.length)) {
    throw AppError.badInput(`Choose at most ${vote.maxChoices} options`, { field: "input.optionIds" });
  }
}

async function castInTransaction(ctx: PropertyContext, tx: Tx, data: CastInput, request: BallotRequest, known: BallotAuthority | null): Promise<Cast> {
  const caller = ctx.caller!;
  const locked = await lockVote(tx, data.voteId);
  // Residents never see drafts: one is as absent as another tenant's vote.
  if (locked.status === "DRAFT" && !isVoteStaff(caller)) throw AppError.notFound("Vote");
  const now = new Date();
  if (locked.status !== "PUBLISHED") throw AppError.conflict(locked.status === "DRAFT" ? "The vote has not been published" : "The vote is over");
  if (locked.startsAt && locked.startsAt > now) throw AppError.conflict("The vote has not started yet");
  if (locked.endsAt && locked.endsAt <= now) throw AppError.conflict("The vote has ended");
  const options = await tx.voteOption.findMany({ where: { voteId: locked.id }, orderBy: { position: "asc" } });
  checkChoices(locked, options, data.optionIds);

  // Who may vote for the unit comes from the frozen electorate, never from today's owners.
  const eligible = await tx.voteEligibleUnit.findUnique({
    where: { voteId_unitId: { voteId: locked.id, unitId: data.unitId } },
    select: { voters: { select: { userId: true } } },
  });
  if (!eligible) throw AppError.badInput("This unit may not vote in this vote", { field: "input.unitId" });
  const owners = eligible.voters.map((v) => v.userId);
  const authority = known && known.onBehalfOfId && owners.includes(known.onBehalfOfId) ? known : directAuthority(caller, request, owners);
  if (!authority) throw new DelegationNeeded(owners);

  const fields = {
    castById: authority.castById,
    onBehalfOfId: authority.onBehalfOfId,
    delegationId: authority.delegationId,
    isPaper: authority.isPaper,
    castAt: now,
  };
  const [created] = await tx.ballot.createManyAndReturn({
    data: [{ organizationId: locked.organizationId, voteId: locked.id, unitId: data.unitId, ...fields }],
    skipDuplicates: true,
  });
  let ballot: Ballot;
  if (created) {
    ballot = created;
  } else {
    if (!locked.allowBallotChange)
      throw AppError.conflict("This unit has already voted, and this vote does not allow changing a ballot", { field: "input.unitId" });
    const where = { voteId_unitId: { voteId: locked.id, unitId: data.unitId } };
    const previous = await tx.ballot.findUniqueOrThrow({ where, select: { castById: true, onBehalfOfId: true } });
    ballot = await tx.ballot.update({ where, data: { ...fields, revision: { increment: 1 } } });
    await tx.ballotChoice.deleteMany({ where: { ballotId: ballot.id } });
    await tellCoOwnersOfReplacement(tx, ballot, previous, owners);
  }
  await tx.ballotChoice.createMany({
    data: data.optionIds.map((optionId) => ({ organizationId: locked.organizationId, ballotId: ballot.id, voteId: locked.id, optionId })),
  });
  // Every revision is kept: the record shows replacements, and co-owners' choices are read from it.
  await tx.ballotRevision.create({
    data: {
      organizationId: locked.organizationId,
      ballotId: ballot.id,
      voteId: locked.id,
      unitId: ballot.unitId,
      revision: ballot.revision,
      castById: ballot.castById,
      onBehalfOfId: ballot.onBehalfOfId,
      delegationId: ballot.delegationId,
      isPaper: ballot.isPaper,
      optionIds: data.optionIds,
      castAt: ballot.castAt,
    },
  });
  const stored = await storeTally(
    tx,
    locked,
    options.map((o) => o.id),
  );
  // The audit trail says who cast which unit's ballot, never what it chose.
  await writeAuditLog(
    tx,
    { caller, requestId: ctx.requestId, ip: ctx.clientIp, userAgent: ctx.userAgent },
    {
      action: created ? "vote.ballot_cast" : "vote.ballot_changed",
      entityType: "ballot",
      entityId: ballot.id,
      diff: {
        voteId: locked.id,
        unitId: ballot.unitId,
        revision: ballot.revision,
        isPaper: ballot.isPaper,
        onBehalfOfId: ballot.onBehalfOfId,
        delegationId: ballot.delegationId,
        tallyVersion: stored.vote.tallyVersion.toString(),
      },
    },
  );
  return { ballot, optionIds: data.optionIds, options, vote: stored.vote, event: stored.event };
}

/** The owner a ballot stands for: the one it was cast on behalf of, else its caster. */
const voterOf = (ballot: Pick<Ballot, "castById" | "onBehalfOfId">) => ballot.onBehalfOfId ?? ballot.castById;

/**
 * When a ballot now stands for another owner than the one it replaced, every other co-owner of
 * the unit (from the frozen electorate) is told: nobody's vote is replaced in silence.
 */
async function tellCoOwnersOfReplacement(
  tx: Tx,
  ballot: Ballot,
  previous: Pick<Ballot, "castById" | "onBehalfOfId">,
  owners: readonly string[],
): Promise<void> {
  if (voterOf(previous) === voterOf(ballot)) return;
  const recipients = owners.filter((owner) => owner !== voterOf(ballot) && owner !== ballot.castById);
  if (!recipients.length) return;
  await writeOutboxEvent(tx, {
    aggregateType: "vote",
    aggregateId: ballot.voteId,
    eventType: "vote.unit_ballot_replaced",
    organizationId: ballot.organizationId,
    payload: {
      voteId: ballot.voteId,
      unitId: ballot.unitId,
      ballotId: ballot.id,
      revision: ballot.revision,
      castById: ballot.castById,
      onBehalfOfId: ballot.onBehalfOfId,
      replacedCastById: previous.castById,
      replacedOnBehalfOfId: previous.onBehalfOfId,
      recipients,
    },
  });
}

export async function castBallot(ctx: PropertyContext, input: unknown): Promise<Ballot> {
  const paper = (input as { paper?: unknown } | null)?.paper === true;
  requirePermission(ctx.caller, paper ? "votes:write" : "votes:cast");
  const data = parseInput(castSchema, input, "input");
  const request: BallotRequest = { unitId: data.unitId, paper, onBehalfOf: data.onBehalfOf ?? null };
  let cast: Cast;
  try {
    cast = await ctx.db.write((tx) => castInTransaction(ctx, tx, data, request, null));
  } catch (error) {
    if (!(error instanceof DelegationNeeded)) throw error;
    // A delegate: the vote must be one they may see, and the delegation in force.
    await visibleVote(ctx, data.voteId);
    const authority = await delegatedAuthority(ctx, request, error.frozenOwners);
    cast = await ctx.db.write((tx) => castInTransaction(ctx, tx, data, request, authority));
  }
  ctx.events.committed(cast.event);
  // What the response shows next is already known: no further reads.
  ctx.loaders.vote.clear(cast.vote.id).prime(cast.vote.id, cast.vote);
  for (const option of cast.options) ctx.loaders.voteOption.clear(option.id).prime(option.id, option);
  ctx.loaders.voteOptionsByVote.clear(cast.vote.id).prime(cast.vote.id, cast.options);
  ctx.loaders.ballotChoicesByBallot.clear(cast.ballot.id).prime(
    cast.ballot.id,
    cast.optionIds.map((optionId) => ({ ballotId: cast.ballot.id, optionId })),
  );
  ctx.loaders.myBallotsByVote.clear(cast.vote.id);
  ctx.loaders.myVotingUnitsByVote.clear(cast.vote.id);
  return cast.ballot;
}

/** The option ids a ballot chose (only ever asked for ballots shown to their voter or a co-owner of its unit). */
export async function choicesOfBallot(ctx: PropertyContext, ballot: Pick<Ballot, "id">): Promise<string[]> {
  return (await ctx.loaders.ballotChoicesByBallot.load(ballot.id)).map((c) => c.optionId);
}
