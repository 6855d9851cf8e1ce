import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, unitById } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import { castBallot, choicesOfBallot } from "./ballots.ts";
import { resultsOf } from "./live-tally.ts";
import { disputedUnitsOf } from "./disputes.ts";
import { recordChoices, voteRecord } from "./record.ts";
import * as votes from "./service.ts";

const person = (ctx: Parameters<typeof memberById>[0], id: string | null) => (id ? memberById(ctx, id) : null);

export const votingResolvers: Resolvers = {
  Query: {
    vote: (_, { id }, ctx) => votes.getVote(ctx, id),
    votes: (_, { filter, first, after }, ctx) => votes.listVotes(ctx, filter, first, after),
    voteResults: (_, { id }, ctx) => votes.getVoteResults(ctx, id),
    voteRecord: (_, { id }, ctx) => voteRecord(ctx, id),
  },
  Mutation: {
    createVote: (_, { input }, ctx) => votes.createVote(ctx, input),
    publishVote: (_, { id }, ctx) => votes.publishVote(ctx, id),
    castBallot: (_, { input }, ctx) => castBallot(ctx, input),
    closeVote: (_, { id }, ctx) => votes.closeVote(ctx, id),
    cancelVote: (_, { id, reason }, ctx) => votes.cancelVote(ctx, id, reason),
    commentOnVote: (_, { voteId, body }, ctx) => votes.commentOnVote(ctx, voteId, body),
  },
  Vote: {
    __resolveReference: async (ref, ctx) => votes.getVote(ctx, ref.id).catch(() => null),
    building: (vote, _, ctx) => (vote.buildingId ? buildingById(ctx, vote.buildingId) : null),
    ruleSet: (vote) => votes.ruleSetOfVote(vote),
    createdBy: (vote, _, ctx) => memberById(ctx, vote.createdById),
    options: (vote, _, ctx) => votes.optionsOfVote(ctx, vote),
    eligibleUnitCount: (vote, _, ctx) => votes.eligibleUnitCountOf(ctx, vote),
    myVotingUnits: (vote, _, ctx) => votes.myVotingUnits(ctx, vote),
    myBallots: (vote, _, ctx) => votes.myBallots(ctx, vote),
    disputedUnits: (vote, _, ctx) => disputedUnitsOf(ctx, vote),
    results: (vote, _, ctx) => resultsOf(ctx, vote),
    comments: (vote, { first, after }, ctx) => votes.commentsOfVote(ctx, vote, first, after),
  },
  VotingUnit: {
    unit: (u, _, ctx) => unitById(ctx, u.unitId),
  },
  UnitBallot: {
    choices: async (ballot, _, ctx) => votes.optionsByIds(ctx, await choicesOfBallot(ctx, ballot)),
    castBy: (ballot, _, ctx) => memberById(ctx, ballot.castById),
    onBehalfOf: (ballot, _, ctx) => (ballot.onBehalfOfId ? memberById(ctx, ballot.onBehalfOfId) : null),
    revisions: (ballot, _, ctx) => ctx.loaders.revisionsByBallot.load(ballot.id),
  },
  BallotRevision: {
    castBy: (r, _, ctx) => memberById(ctx, r.castById),
    onBehalfOf: (r, _, ctx) => person(ctx, r.onBehalfOfId),
    choices: (r, _, ctx) => recordChoices(ctx, r),
  },
  DisputedUnit: {
    unit: (u, _, ctx) => unitById(ctx, u.unitId),
  },
  CoOwnerChoice: {
    owner: (c, _, ctx) => memberById(ctx, c.ownerId),
    choices: (c, _, ctx) => (c.optionIds ? votes.optionsByIds(ctx, c.optionIds) : null),
  },
  Ballot: {
    vote: async (ballot, _, ctx) => (await ctx.loaders.vote.load(ballot.voteId))!,
    unit: (ballot, _, ctx) => unitById(ctx, ballot.unitId),
    choices: async (ballot, _, ctx) => votes.optionsByIds(ctx, await choicesOfBallot(ctx, ballot)),
    castBy: (ballot, _, ctx) => memberById(ctx, ballot.castById),
    onBehalfOf: (ballot, _, ctx) => person(ctx, ballot.onBehalfOfId),
  },
  VoteOptionResult: {
    option: async (result, _, ctx) => (await ctx.loaders.voteOption.load(result.optionId))!,
  },
  VoteRecordUnit: {
    unit: (u, _, ctx) => unitById(ctx, u.unitId),
    owners: async (u, _, ctx) => (await Promise.all(u.ownerIds.map((id) => memberById(ctx, id)))).filter((m) => m !== null),
  },
  VoteRecordBallot: {
    castBy: (b, _, ctx) => memberById(ctx, b.castById),
    onBehalfOf: (b, _, ctx) => person(ctx, b.onBehalfOfId),
    choices: (b, _, ctx) => recordChoices(ctx, b),
  },
  VoteComment: {
    author: (c, _, ctx) => memberById(ctx, c.authorId),
  },
};
