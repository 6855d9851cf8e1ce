// Votes (hlasovania) of a building's owners: staff create a draft, publish it (which freezes the
// electorate), close it (or the scheduler does at its end) or cancel it; owners vote (ballots.ts)
// and comment; everyone who may see a vote sees its live results. Counting is rule-set data
// interpreted by tally.ts; the live tally is kept by live-tally.ts.
import type { Prisma, Vote, VoteComment, VoteMatterType, VoteOption, VoteStatus } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  IN_MEMORY_CURSOR,
  keysetOrderBy,
  keysetWhere,
  pageInMemory,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type CommittedEvent,
  type SortKey,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { buildingById } from "../buildings/index.ts";
import { isVoteStaff, visibleVote, visibleVotesWhere } from "./access.ts";
import { closeLockedVote, type ChangeRecorder } from "./closing.ts";
import { checkUnitSelection, electorateAt } from "./electorate.ts";
import { lockVote, resultsOf, ruleSetOf, ruleSetView, storeTally, type VoteResultsView, type VoteRuleSetView } from "./live-tally.ts";
import type { VotingUnitView } from "./loaders.ts";
import { DEFAULT_RULE_SET_KEY, effectiveRule, isAtLeastAsStrict, latestRuleSet, ruleSetFor, type RuleParams } from "./rule-sets/index.ts";

const recorderFor =
  (ctx: PropertyContext): ChangeRecorder =>
  (tx, change) =>
    recordChange(tx, ctx, change);

/** Updates the request's cached row after a write, so fields resolved next see the new state. */
function remember(ctx: PropertyContext, vote: Vote): Vote {
  ctx.loaders.vote.clear(vote.id).prime(vote.id, vote);
  return vote;
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getVote(ctx: PropertyContext, id: string): Promise<Vote> {
  requirePermission(ctx.caller, "votes:read");
  return visibleVote(ctx, id);
}

export async function getVoteResults(ctx: PropertyContext, id: string): Promise<VoteResultsView> {
  requirePermission(ctx.caller, "votes:read");
  return resultsOf(ctx, await visibleVote(ctx, id));
}

export interface VoteFilter {
  buildingId?: string | null;
  status?: VoteStatus | null;
  matterType?: VoteMatterType | null;
}

const ORDER: SortKey[] = [
  { field: "createdAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

const filterSchema = z.object({
  buildingId: z.uuid().nullish(),
  status: z.enum(["DRAFT", "PUBLISHED", "CLOSED", "CANCELLED"]).nullish(),
  matterType: z.enum(["ORDINARY", "ABSOLUTE_MAJORITY", "QUALIFIED_TWO_THIRDS", "UNANIMOUS", "WRITTEN_BALLOT", "ADVISORY"]).nullish(),
});

export async function listVotes(ctx: PropertyContext, filter: VoteFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "votes:read");
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const wanted = parseInput(filterSchema, filter ?? {}, "filter");
  const where: Prisma.VoteWhereInput = {
    AND: [
      await visibleVotesWhere(ctx),
      wanted.buildingId ? { buildingId: wanted.buildingId } : {},
      wanted.status ? { status: wanted.status } : {},
      wanted.matterType ? { matterType: wanted.matterType } : {},
    ],
  };
  const rows = await ctx.db.read((tx) =>
    tx.vote.findMany({
      where: { AND: [where, keysetWhere(ORDER, cursor)] },
      orderBy: keysetOrderBy(ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.vote.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (v) => [v.createdAt.toISOString(), v.id],
    () => ctx.db.read((tx) => tx.vote.count({ where })),
  );
}

// Fields of a vote the caller already sees.

export function optionsOfVote(ctx: PropertyContext, vote: Vote) {
  return ctx.loaders.voteOptionsByVote.load(vote.id);
}

export function ruleSetOfVote(vote: Vote): VoteRuleSetView {
  const ruleSet = ruleSetOf(vote);
  return ruleSetView(ruleSet, effectiveRule(ruleSet, vote.matterType, vote.ruleParams as RuleParams));
}

export async function eligibleUnitCountOf(ctx: PropertyContext, vote: Vote): Promise<number> {
  const frozen = (await ctx.loaders.eligibleUnitCountByVote.load(vote.id))?.count ?? 0;
  // A draft without a selection: every active unit of the building, as publishing would freeze it.
  if (vote.status === "DRAFT" && frozen === 0 && vote.buildingId) return (await ctx.loaders.unitsByBuilding.load(vote.buildingId)).length;
  return frozen;
}

export function myVotingUnits(ctx: PropertyContext, vote: Vote): Promise<VotingUnitView[]> {
  return ctx.loaders.myVotingUnitsByVote.load(vote.id);
}

export function myBallots(ctx: PropertyContext, vote: Vote) {
  return ctx.loaders.myBallotsByVote.load(vote.id);
}

export async function commentsOfVote(ctx: PropertyContext, vote: Vote, first?: number | null, after?: string | null) {
  const comments = await ctx.loaders.voteCommentsByVote.load(vote.id);
  return pageInMemory(comments, pageSize(first), decodeCursorOf(after, IN_MEMORY_CURSOR));
}

/** Options by id, in the vote's order (a ballot's choices, a record's choices). */
export async function optionsByIds(ctx: PropertyContext, optionIds: readonly string[]): Promise<VoteOption[]> {
  const options = await ctx.loaders.voteOption.loadMany([...optionIds]);
  return options.filter((o): o is VoteOption => !!o && !(o instanceof Error)).sort((a, b) => a.position - b.position);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle (staff)

const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const fraction = z
  .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, "a fraction of at most 1");

const createSchema = z
  .object({
    buildingId: z.uuid(),
    title: z.string().trim().min(1).max(255),
    question: z.string().trim().max(5_000).nullish(),
    description: z.string().trim().max(20_000).nullish(),
    options: z
      .array(z.object({ label: z.string().trim().min(1).max(500), description: z.string().trim().max(2_000).nullish() }))
      .min(2, "at least two options")
      .max(50)
      .refine((options) => new Set(options.map((o) => o.label.toLowerCase())).size === options.length, "option labels must differ"),
    choiceType: z.enum(["SINGLE", "MULTIPLE"]).nullish(),
    maxChoices: z.number().int().min(1).nullish(),
    matterType: z.enum(["ORDINARY", "ABSOLUTE_MAJORITY", "QUALIFIED_TWO_THIRDS", "UNANIMOUS", "WRITTEN_BALLOT", "ADVISORY"]),
    ruleSetKey: z.string().trim().min(1).max(64).nullish(),
    ruleSetVersion: z.number().int().positive().nullish(),
    quorum: z.object({ fraction, strictlyMore: z.boolean() }).nullish(),
    isSecret: z.boolean().nullish(),
    allowBallotChange: z.boolean().nullish(),
    startsAt: instant.nullish(),
    endsAt: instant,
    eligibleUnitIds: z
      .array(z.uuid())
      .max(5_000)
      .refine((ids) => new Set(ids).size === ids.length, "each unit once")
      .nullish(),
  })
  .refine((v) => v.endsAt > new Date(), { message: "must be in the future", path: ["endsAt"] })
  .refine((v) => !v.startsAt || v.startsAt < v.endsAt, { message: "must be before endsAt", path: ["startsAt"] })
  .refine((v) => (v.choiceType ?? "SINGLE") === "MULTIPLE" || !v.maxChoices || v.maxChoices === 1, {
    message: "a single-choice vote allows one choice",
    path: ["maxChoices"],
  })
  .refine((v) => !v.maxChoices || v.maxChoices <= v.options.length, { message: "cannot exceed the number of options", path: ["maxChoices"] });

export async function createVote(ctx: PropertyContext, input: unknown): Promise<Vote> {
  requirePermission(ctx.caller, "votes:write");
  const caller = ctx.caller;
  const data = parseInput(createSchema, input, "input");
  const ruleSet = data.ruleSetVersion
    ? ruleSetFor(data.ruleSetKey ?? DEFAULT_RULE_SET_KEY, data.ruleSetVersion)
    : latestRuleSet(data.ruleSetKey ?? DEFAULT_RULE_SET_KEY);
  if (!ruleSet) throw AppError.badInput("No such rule set (and version)", { field: "input.ruleSetKey" });
  const params: RuleParams = data.quorum
    ? { quorum: { fraction: [data.quorum.fraction.numerator, data.quorum.fraction.denominator], strictlyMore: data.quorum.strictlyMore } }
    : {};
  const required = ruleSet.matters[data.matterType].quorum;
  if (params.quorum && required && !isAtLeastAsStrict(params.quorum, required)) {
    throw AppError.badInput(`The rule set requires a quorum of at least ${required.fraction.join("/")}: the statutes may raise it, not lower it`, {
      field: "input.quorum",
    });
  }
  if (!(await buildingById(ctx, data.buildingId))) throw AppError.notFound("Building");
  const selection = data.eligibleUnitIds?.length ? await checkUnitSelection(ctx, data.buildingId, data.eligibleUnitIds) : [];
  const choiceType = data.choiceType ?? "SINGLE";
  const vote = await ctx.db.write(async (tx) => {
    const row = await tx.vote.create({
      data: {
        organizationId: caller.organizationId,
        buildingId: data.buildingId,
        title: data.title,
        question: data.question ?? null,
        description: data.description ?? null,
        choiceType,
        maxChoices: choiceType === "MULTIPLE" ? (data.maxChoices ?? data.options.length) : 1,
        matterType: data.matterType,
        ruleSetKey: ruleSet.key,
        ruleSetVersion: ruleSet.version,
        ruleParams: params as Prisma.InputJsonValue,
        isSecret: data.isSecret ?? false,
        allowBallotChange: data.allowBallotChange ?? true,
        startsAt: data.startsAt ?? null,
        endsAt: data.endsAt,
        createdById: caller.userId,
        options: {
          create: data.options.map((o, position) => ({ organizationId: caller.organizationId, label: o.label, description: o.description ?? null, position })),
        },
      },
    });
    // A draft's explicit selection; publishing replaces it with the frozen electorate.
    if (selection.length) {
      await tx.voteEligibleUnit.createMany({
        data: selection.map((u) => ({
          organizationId: caller.organizationId,
          voteId: row.id,
          unitId: u.id,
          weightNumerator: u.shareNumerator,
          weightDenominator: u.shareDenominator,
        })),
      });
    }
    await recordChange(tx, ctx, {
      entityType: "vote",
      entityId: row.id,
      eventType: "vote.created",
      payload: { buildingId: row.buildingId, matterType: row.matterType, ruleSet: `${ruleSet.key}.v${ruleSet.version}`, selectedUnits: selection.length },
    });
    return row;
  });
  return remember(ctx, vote);
}

/** Opens the vote: the electorate (units, their shares, their owners) is frozen as it stands now. */
export async function publishVote(ctx: PropertyContext, id: string): Promise<Vote> {
  requirePermission(ctx.caller, "votes:write");
  const draft = await visibleVote(ctx, id);
  if (draft.status !== "DRAFT") throw AppError.conflict("Only a draft vote can be published");
  const now = new Date();
  if (draft.endsAt && draft.endsAt <= now) throw AppError.badInput("The vote's end time has passed: create a new vote", { field: "id" });
  if (!draft.buildingId) throw AppError.badInput("The vote has no building", { field: "id" });
  const selection = await ctx.db.read((tx) => tx.voteEligibleUnit.findMany({ where: { voteId: id }, select: { unitId: true } }));
  const electorate = await electorateAt(
    ctx,
    draft.buildingId,
    selection.map((s) => s.unitId),
    now,
  );
  if (electorate.length === 0) throw AppError.badInput("The vote has no eligible units", { field: "id" });
  const organizationId = draft.organizationId;
  const { vote, events } = await ctx.db.write(async (tx) => {
    const locked = await lockVote(tx, id);
    if (locked.status !== "DRAFT") throw AppError.conflict("Only a draft vote can be published");
    await tx.voteEligibleUnit.deleteMany({ where: { voteId: id } });
    await tx.voteEligibleUnit.createMany({
      data: electorate.map((u) => ({
        organizationId,
        voteId: id,
        unitId: u.unitId,
        weightNumerator: u.share.numerator,
        weightDenominator: u.share.denominator,
      })),
    });
    await tx.voteEligibleVoter.createMany({
      data: electorate.flatMap((u) =>
        u.owners.map((o) => ({
          organizationId,
          voteId: id,
          unitId: u.unitId,
          userId: o.userId,
          shareNumerator: o.share.numerator,
          shareDenominator: o.share.denominator,
        })),
      ),
    });
    const published = await tx.vote.update({
      where: { id },
      data: { status: "PUBLISHED", publishedAt: now, eligibilityFrozenAt: now, startsAt: locked.startsAt && locked.startsAt > now ? locked.startsAt : now },
    });
    const stored = await storeTally(tx, published);
    const change = await recordChange(tx, ctx, {
      entityType: "vote",
      entityId: id,
      eventType: "vote.published",
      payload: { version: stored.vote.tallyVersion.toString(), buildingId: published.buildingId, eligibleUnits: electorate.length },
    });
    return { vote: stored.vote, events: [stored.event, change] };
  });
  ctx.events.committed(...events);
  return remember(ctx, vote);
}

export async function closeVote(ctx: PropertyContext, id: string): Promise<Vote> {
  requirePermission(ctx.caller, "votes:write");
  await visibleVote(ctx, id);
  const { vote, events } = await ctx.db.write(async (tx) => {
    const locked = await lockVote(tx, id);
    if (locked.status !== "PUBLISHED") throw AppError.conflict("Only an open vote can be closed");
    return closeLockedVote(tx, locked, recorderFor(ctx), new Date());
  });
  ctx.events.committed(...events);
  return remember(ctx, vote);
}

const reasonSchema = z.string().trim().max(2_000).nullish();

export async function cancelVote(ctx: PropertyContext, id: string, reason?: string | null): Promise<Vote> {
  requirePermission(ctx.caller, "votes:write");
  const why = parseInput(reasonSchema, reason, "reason");
  await visibleVote(ctx, id);
  const { vote, events } = await ctx.db.write(async (tx) => {
    const locked = await lockVote(tx, id);
    if (locked.status !== "DRAFT" && locked.status !== "PUBLISHED") throw AppError.conflict("Only a draft or open vote can be cancelled");
    const cancelled = await tx.vote.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    // Watchers of an open vote learn of it through a new tally version.
    const stored = locked.status === "PUBLISHED" ? await storeTally(tx, cancelled) : null;
    const current = stored?.vote ?? cancelled;
    const change = await recordChange(tx, ctx, {
      entityType: "vote",
      entityId: id,
      eventType: "vote.cancelled",
      payload: { version: current.tallyVersion.toString(), wasOpen: locked.status === "PUBLISHED", reason: why ?? null },
    });
    return { vote: current, events: [...(stored ? [stored.event] : []), change] as CommittedEvent[] };
  });
  ctx.events.committed(...events);
  return remember(ctx, vote);
}

// ---------------------------------------------------------------------------------------------
// Comments

const commentSchema = z.string().trim().min(1).max(10_000);

/** Owners who may vote and staff discuss a vote while it is being prepared or open. */
export async function commentOnVote(ctx: PropertyContext, voteId: string, body: string): Promise<VoteComment> {
  requirePermission(ctx.caller, "votes:read");
  const caller = ctx.caller;
  if (!caller.permissions.has("votes:cast") && !isVoteStaff(caller)) throw AppError.forbidden("Only owners and staff comment on votes");
  const text = parseInput(commentSchema, body, "body");
  const vote = await visibleVote(ctx, voteId);
  if (vote.status !== "DRAFT" && vote.status !== "PUBLISHED") throw AppError.conflict("The vote is closed for comments");
  const comment = await ctx.db.write(async (tx) => {
    const row = await tx.voteComment.create({ data: { organizationId: vote.organizationId, voteId, authorId: caller.userId, body: text } });
    await recordChange(tx, ctx, {
      entityType: "vote",
      entityId: voteId,
      eventType: "vote.commented",
      payload: { commentId: row.id, version: vote.tallyVersion.toString() },
    });
    return row;
  });
  ctx.loaders.voteCommentsByVote.clear(voteId);
  return comment;
}
