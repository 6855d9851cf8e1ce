// The create-vote form's values as typed, and the CreateVoteInput they become: the checks a
// person can fix in the form (the graph checks everything again).
import type { CreateVoteInput, VoteChoiceType, VoteMatterType } from "../generated/graphql.ts";

export const RULE_SET_KEYS = ["sk-182-1993", "by-share"] as const;

export interface VoteDraft {
  buildingId: string;
  title: string;
  question: string;
  description: string;
  /** One option per line. */
  options: string;
  choiceType: VoteChoiceType;
  /** For MULTIPLE; empty: as many as there are options. */
  maxChoices: string;
  matterType: VoteMatterType;
  ruleSetKey: (typeof RULE_SET_KEYS)[number];
  isSecret: boolean;
  allowBallotChange: boolean;
  /** `<input type="datetime-local">` values (local time); an empty start opens the vote when published. */
  startsAt: string;
  endsAt: string;
}

/** A new form; `options` are the default ones in the reader's language (yes / no / abstain). */
export function emptyVoteDraft(buildingId = "", options = ""): VoteDraft {
  return {
    buildingId,
    title: "",
    question: "",
    description: "",
    options,
    choiceType: "SINGLE",
    maxChoices: "",
    matterType: "WRITTEN_BALLOT",
    ruleSetKey: "sk-182-1993",
    isSecret: false,
    allowBallotChange: true,
    startsAt: "",
    endsAt: "",
  };
}

const instant = (local: string) => {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? null : time;
};

/** What to fix in the form (the form words it in the reader's language). */
export type VoteDraftProblem = "building" | "title" | "options" | "endsAt" | "order" | "maxChoices";

/** The input for createVote, or what to fix first. */
export function createVoteInput(draft: VoteDraft): { input: CreateVoteInput } | { problem: VoteDraftProblem } {
  const options = [
    ...new Set(
      draft.options
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  if (!draft.buildingId) return { problem: "building" };
  if (!draft.title.trim()) return { problem: "title" };
  if (options.length < 2) return { problem: "options" };
  const endsAt = instant(draft.endsAt);
  if (!endsAt) return { problem: "endsAt" };
  const startsAt = draft.startsAt ? instant(draft.startsAt) : null;
  if (draft.startsAt && (!startsAt || startsAt >= endsAt)) return { problem: "order" };
  let maxChoices: number | undefined;
  if (draft.choiceType === "MULTIPLE" && draft.maxChoices.trim()) {
    maxChoices = Number(draft.maxChoices);
    if (!Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > options.length) return { problem: "maxChoices" };
  }
  return {
    input: {
      buildingId: draft.buildingId,
      title: draft.title.trim(),
      question: draft.question.trim() || null,
      description: draft.description.trim() || null,
      options: options.map((label) => ({ label })),
      choiceType: draft.choiceType,
      ...(maxChoices !== undefined ? { maxChoices } : {}),
      matterType: draft.matterType,
      ruleSetKey: draft.ruleSetKey,
      isSecret: draft.isSecret,
      allowBallotChange: draft.allowBallotChange,
      ...(startsAt ? { startsAt: startsAt.toISOString() } : {}),
      endsAt: endsAt.toISOString(),
    },
  };
}
