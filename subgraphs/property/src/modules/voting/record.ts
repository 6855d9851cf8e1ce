// The record of a closed vote for the minutes (zápisnica): who could vote (the frozen
// electorate), who voted and when, how (online, paper, by delegation), under which rule, and
// the result. For a secret vote the choices are left out entirely: not read, not exported.
import type { Vote } from "@ppt/db/client";
import { AppError, requirePermission } from "@ppt/server-kit";
import { stringify } from "csv-stringify/sync";
import type { PropertyContext } from "../../context.ts";
import { unitById } from "../buildings/index.ts";
import { memberById, type MemberView } from "../members/index.ts";
import { visibleVote } from "./access.ts";
import { resultsOf, type VoteResultsView, type VoteRuleSetView } from "./live-tally.ts";
import { optionsByIds, ruleSetOfVote } from "./service.ts";

export interface VoteRecordBallotView {
  castAt: Date;
  revision: number;
  isPaper: boolean;
  castById: string;
  onBehalfOfId: string | null;
  delegationId: string | null;
  /** null for a secret vote */
  optionIds: string[] | null;
  /** Every revision, oldest first (optionIds null for a secret vote). */
  revisions: BallotRevisionView[];
}

export interface BallotRevisionView {
  revision: number;
  castAt: Date;
  isPaper: boolean;
  castById: string;
  onBehalfOfId: string | null;
  optionIds: string[] | null;
}

export interface VoteRecordUnitView {
  unitId: string;
  designation: string;
  share: { numerator: number; denominator: number };
  ownerIds: string[];
  ballot: VoteRecordBallotView | null;
}

export interface VoteRecordView {
  vote: Vote;
  ruleSet: VoteRuleSetView;
  eligibilityFrozenAt: Date | null;
  closedAt: Date | null;
  units: VoteRecordUnitView[];
  results: VoteResultsView;
  csv: string;
}

const personName = (member: MemberView | null, id: string) => (member ? `${member.firstName} ${member.lastName}`.trim() : id);

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text is prefixed with '. */
const cell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export async function voteRecord(ctx: PropertyContext, id: string): Promise<VoteRecordView> {
  requirePermission(ctx.caller, "votes:write");
  const vote = await visibleVote(ctx, id);
  if (vote.status !== "CLOSED") throw AppError.conflict("The record is available once the vote is closed");
  const rows = await ctx.db.read((tx) =>
    tx.voteEligibleUnit.findMany({
      where: { voteId: vote.id },
      select: {
        unitId: true,
        weightNumerator: true,
        weightDenominator: true,
        voters: { select: { userId: true }, orderBy: { userId: "asc" } },
        ballot: {
          select: {
            castAt: true,
            revision: true,
            isPaper: true,
            castById: true,
            onBehalfOfId: true,
            delegationId: true,
            revisions: {
              select: { revision: true, castAt: true, isPaper: true, castById: true, onBehalfOfId: true, optionIds: !vote.isSecret },
              orderBy: { revision: "asc" },
            },
            ...(vote.isSecret ? {} : { choices: { select: { optionId: true } } }),
          },
        },
      },
    }),
  );
  const units = await Promise.all(rows.map((row) => unitById(ctx, row.unitId)));
  const records: VoteRecordUnitView[] = rows
    .map((row, i) => ({
      unitId: row.unitId,
      designation: units[i]?.designation ?? row.unitId,
      share: { numerator: row.weightNumerator, denominator: row.weightDenominator },
      ownerIds: row.voters.map((v) => v.userId),
      ballot: row.ballot
        ? {
            castAt: row.ballot.castAt,
            revision: row.ballot.revision,
            isPaper: row.ballot.isPaper,
            castById: row.ballot.castById,
            onBehalfOfId: row.ballot.onBehalfOfId,
            delegationId: row.ballot.delegationId,
            revisions: row.ballot.revisions.map((r) => ({ ...r, optionIds: vote.isSecret ? null : (r.optionIds ?? []) })),
            optionIds: vote.isSecret ? null : ((row.ballot as { choices?: { optionId: string }[] }).choices ?? []).map((c) => c.optionId),
          }
        : null,
    }))
    .sort((a, b) => a.designation.localeCompare(b.designation, "sk", { numeric: true }));
  const results = await resultsOf(ctx, vote);
  return {
    vote,
    ruleSet: ruleSetOfVote(vote),
    eligibilityFrozenAt: vote.eligibilityFrozenAt,
    closedAt: vote.closedAt,
    units: records,
    results,
    csv: await recordCsv(ctx, vote, records),
  };
}

async function recordCsv(ctx: PropertyContext, vote: Vote, units: VoteRecordUnitView[]): Promise<string> {
  const people = new Set(
    units
      .flatMap((u) => [...u.ownerIds, ...(u.ballot ? [u.ballot.castById, u.ballot.onBehalfOfId ?? "", ...u.ballot.revisions.map((r) => r.castById)] : [])])
      .filter(Boolean),
  );
  const members = new Map(await Promise.all([...people].map(async (personId) => [personId, await memberById(ctx, personId)] as const)));
  const name = (personId: string | null) => (personId ? cell(personName(members.get(personId) ?? null, personId)) : "");
  const options = new Map((await ctx.loaders.voteOptionsByVote.load(vote.id)).map((o) => [o.id, o]));
  const header = [
    "unit",
    "share",
    "owners",
    "voted",
    "cast_at",
    "revision",
    "paper",
    "delegated",
    "cast_by",
    "on_behalf_of",
    ...(vote.isSecret ? [] : ["choices"]),
    "revisions",
  ];
  const lines = units.map((u) => {
    const b = u.ballot;
    const choices = b?.optionIds
      ? labelsInOrder(b.optionIds, options)
          .map((label) => cell(label))
          .join("; ")
      : "";
    return [
      cell(u.designation),
      `${u.share.numerator}/${u.share.denominator}`,
      u.ownerIds.map(name).join("; "),
      b ? "yes" : "no",
      b ? b.castAt.toISOString() : "",
      b ? String(b.revision) : "",
      b ? (b.isPaper ? "yes" : "no") : "",
      b ? (b.delegationId ? "yes" : "no") : "",
      b ? name(b.castById) : "",
      b ? name(b.onBehalfOfId) : "",
      ...(vote.isSecret ? [] : [choices]),
      // Every revision in one cell: "1 2026-…Z Name [: choices]; 2 …", so a replacement is on the record.
      b
        ? b.revisions
            .map((r) => {
              const by = `${r.revision} ${r.castAt.toISOString()} ${name(r.castById)}${r.onBehalfOfId ? ` for ${name(r.onBehalfOfId)}` : ""}`;
              return r.optionIds ? `${by}: ${labelsInOrder(r.optionIds, options).map(cell).join(", ")}` : by;
            })
            .join("; ")
        : "",
    ];
  });
  return stringify([header, ...lines]);
}

/** The labels of chosen options in the vote's order. */
function labelsInOrder(optionIds: readonly string[], options: Map<string, { label: string; position: number }>): string[] {
  return optionIds
    .map((id) => options.get(id))
    .filter((o): o is { label: string; position: number } => !!o)
    .sort((a, b) => a.position - b.position)
    .map((o) => o.label);
}

/** The chosen options of a record's ballot or revision (null for a secret vote). */
export async function recordChoices(ctx: PropertyContext, ballot: Pick<VoteRecordBallotView, "optionIds">) {
  return ballot.optionIds ? optionsByIds(ctx, ballot.optionIds) : null;
}
