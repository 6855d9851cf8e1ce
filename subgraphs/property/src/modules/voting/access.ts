// Who sees a vote and who may vote for which unit.
// - Staff (votes:write) see every vote of the organization, drafts included; a partner client
//   with votes:read sees every vote of the organization but drafts (the kit's read-scope.ts).
// - Everyone else with votes:read sees published (and closed, cancelled) votes of the buildings
//   they own or live in today, and votes in whose frozen electorate they — or an owner who gave
//   them a voting delegation — are listed (a seller still sees the vote they could vote in).
// - A ballot for a unit may be cast by an owner of the unit when the vote opened (the frozen
//   electorate, never today's owners), by the holder of such an owner's voting delegation, or
//   entered by staff from an owner's signed paper ballot.
import type { Delegation, Prisma, Vote } from "@ppt/db/client";
import { AppError, isUuid, readsWholeOrganization, type Caller } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { residencyOf } from "../buildings/index.ts";
import { activeDelegation, isDelegationActive, myDelegations } from "../organizations/index.ts";

export function isVoteStaff(caller: Caller | null): boolean {
  return caller?.permissions.has("votes:write") ?? false;
}

/** An owner who lets the caller vote for them: for one unit, or (unitId null) for all their units. */
export interface VotingDelegator {
  fromUserId: string;
  unitId: string | null;
}

/**
 * The voting delegations the caller holds today: read once per request through the
 * `votingDelegators` loader (see loaders.ts). A power of attorney is personal: partner clients
 * hold none. Bounded at one page (100): more is not a real case.
 */
export function votingDelegatorsOf(ctx: PropertyContext): Promise<VotingDelegator[]> {
  return ctx.loaders.votingDelegators();
}

export async function loadVotingDelegators(ctx: PropertyContext): Promise<VotingDelegator[]> {
  if (!ctx.caller || ctx.caller.clientId) return [];
  const received = await myDelegations(ctx, "RECEIVED", 100);
  return received.edges
    .map((edge) => edge.node)
    .filter((d: Delegation) => d.toUserId === ctx.caller!.userId && (d.scope === "VOTING" || d.scope === "ALL") && isDelegationActive(d))
    .map((d) => ({ fromUserId: d.fromUserId, unitId: d.unitId }));
}

/** A Prisma filter of the votes the caller may see (empty for staff: RLS already limits to the tenant). */
export async function visibleVotesWhere(ctx: PropertyContext): Promise<Prisma.VoteWhereInput> {
  if (isVoteStaff(ctx.caller)) return {};
  if (readsWholeOrganization(ctx.caller, "votes")) return { status: { not: "DRAFT" } };
  const me = ctx.caller!.userId;
  const [{ buildingIds }, delegators] = await Promise.all([residencyOf(ctx), votingDelegatorsOf(ctx)]);
  const listedAs: Prisma.VoteEligibleVoterWhereInput[] = [
    { userId: me },
    ...delegators.map((d) => ({ userId: d.fromUserId, ...(d.unitId ? { unitId: d.unitId } : {}) })),
  ];
  return {
    status: { not: "DRAFT" },
    OR: [{ buildingId: { in: [...buildingIds] } }, { eligibleUnits: { some: { voters: { some: { OR: listedAs } } } } }],
  };
}

export async function canSeeVote(ctx: PropertyContext, vote: Vote): Promise<boolean> {
  if (!ctx.caller?.permissions.has("votes:read")) return false;
  if (isVoteStaff(ctx.caller)) return true;
  if (vote.status === "DRAFT") return false;
  if (readsWholeOrganization(ctx.caller, "votes")) return true;
  if (vote.buildingId && (await residencyOf(ctx)).buildingIds.has(vote.buildingId)) return true;
  return (await ctx.loaders.myVotingUnitsByVote.load(vote.id)).length > 0;
}

/** The vote, if the caller may see it; NOT_FOUND otherwise (another tenant's looks the same). */
export async function visibleVote(ctx: PropertyContext, id: string): Promise<Vote> {
  const vote = isUuid(id) ? await ctx.loaders.vote.load(id) : null;
  if (!vote || !(await canSeeVote(ctx, vote))) throw AppError.notFound("Vote");
  return vote;
}

/** The caller's right to vote for a unit, from the frozen electorate. */
export interface BallotAuthority {
  castById: string;
  /** The owner the ballot is for, when not the caster. */
  onBehalfOfId: string | null;
  delegationId: string | null;
  isPaper: boolean;
}

export interface BallotRequest {
  unitId: string;
  paper: boolean;
  onBehalfOf: string | null;
}

/**
 * The caller's right to cast this unit's ballot that needs nothing but the unit's owners when the
 * vote opened (`frozenOwners`): a staff member's paper ballot, or an owner's own ballot. Null when
 * only a delegation could give the right (see `delegatedAuthority`).
 */
export function directAuthority(caller: Caller, request: BallotRequest, frozenOwners: readonly string[]): BallotAuthority | null {
  const me = caller.userId;
  if (request.paper) {
    // Staff transcribe an owner's signed paper ballot.
    if (!isVoteStaff(caller)) throw AppError.forbidden("Only staff (votes:write) can enter paper ballots");
    if (!request.onBehalfOf) throw AppError.badInput("A paper ballot names the owner who signed it", { field: "input.onBehalfOf" });
    if (!frozenOwners.includes(request.onBehalfOf))
      throw AppError.badInput("That person did not own this unit when the vote opened", { field: "input.onBehalfOf" });
    return { castById: me, onBehalfOfId: request.onBehalfOf, delegationId: null, isPaper: true };
  }
  if (!caller.permissions.has("votes:cast")) throw AppError.forbidden("Missing permission votes:cast");
  if (frozenOwners.includes(me) && (!request.onBehalfOf || request.onBehalfOf === me))
    return { castById: me, onBehalfOfId: null, delegationId: null, isPaper: false };
  return null;
}

/** The right to vote for one of the unit's owners when the vote opened, by a delegation in force now; else FORBIDDEN. */
export async function delegatedAuthority(ctx: PropertyContext, request: BallotRequest, frozenOwners: readonly string[]): Promise<BallotAuthority> {
  const me = ctx.caller!.userId;
  const givers = request.onBehalfOf ? frozenOwners.filter((owner) => owner === request.onBehalfOf) : frozenOwners;
  for (const fromUserId of givers) {
    const delegation = await activeDelegation(ctx, { fromUserId, toUserId: me, unitId: request.unitId, scope: "VOTING" });
    if (delegation) return { castById: me, onBehalfOfId: fromUserId, delegationId: delegation.id, isPaper: false };
  }
  throw AppError.forbidden("You may not vote for this unit: you did not own it when the vote opened and hold no voting delegation from an owner who did");
}
