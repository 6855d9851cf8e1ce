import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { VoteChoiceType } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

export const BallotChoicesFields = graphql(`
  fragment BallotChoices on Vote {
    id
    choiceType
    maxChoices
    allowBallotChange
    options {
      id
      label
    }
    myVotingUnits {
      ballotCast
      unit {
        id
        designation
      }
    }
  }
`);

// The answer carries the vote's units, the caller's ballots and the new tally: the cache updates
// the detail screen with no refetch (a later live tally still wins over it).
export const CastBallot = graphql(`
  mutation CastBallot($input: CastBallotInput!) {
    castBallot(input: $input) {
      id
      revision
      vote {
        id
        ...VoterUnits
        results {
          version
          ...VoteTally
        }
      }
    }
  }
`);

/** The choices after clicking an option: one for a single-choice vote, toggled for a multiple-choice one. */
export function toggleChoice(selected: readonly string[], optionId: string, choiceType: VoteChoiceType): string[] {
  if (choiceType === "SINGLE") return [optionId];
  return selected.includes(optionId) ? selected.filter((id) => id !== optionId) : [...selected, optionId];
}

/** A ballot for one of the caller's units that has not voted (or may change its vote). */
export function BallotForm(props: { vote: FragmentType<typeof BallotChoicesFields> }) {
  const { t } = useI18n();
  const vote = getFragmentData(BallotChoicesFields, props.vote);
  const units = vote.myVotingUnits.filter((u) => u.unit && (!u.ballotCast || vote.allowBallotChange));
  const [unitId, setUnitId] = useState<string>("");
  const [selected, setSelected] = useState<string[]>([]);
  const [cast, casting] = useMutation(CastBallot);
  const [done, setDone] = useState(false);
  if (units.length === 0) return null;
  const unit = units.find((u) => u.unit?.id === unitId) ?? units[0]!;
  const max = vote.choiceType === "SINGLE" ? 1 : (vote.maxChoices ?? vote.options.length);
  const tooMany = selected.length > max;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!unit.unit || selected.length === 0 || tooMany) return;
    setDone(false);
    const result = await cast({ variables: { input: { voteId: vote.id, unitId: unit.unit.id, optionIds: selected } } }).catch(() => null);
    if (result?.data) {
      setSelected([]);
      setDone(true);
    }
  }

  const inputType = vote.choiceType === "SINGLE" ? "radio" : "checkbox";
  return (
    <form className="ballot" onSubmit={(event) => void submit(event)}>
      <h2>{t.votes.ballot}</h2>
      <label>
        {t.votes.unit}{" "}
        <select value={unit.unit?.id ?? ""} onChange={(e) => setUnitId(e.target.value)}>
          {units.map((u) => (
            <option key={u.unit!.id} value={u.unit!.id}>
              {t.votes.unitLabel(u.unit!.designation ?? "—")}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{vote.choiceType === "SINGLE" ? t.voteChoiceType.SINGLE : `${t.voteChoiceType.MULTIPLE} (${t.votes.maxChoices(max)})`}</legend>
        {vote.options.map((option) => (
          <label key={option.id} className="choice">
            <input
              type={inputType}
              name="choice"
              value={option.id}
              checked={selected.includes(option.id)}
              onChange={() => setSelected(toggleChoice(selected, option.id, vote.choiceType))}
            />{" "}
            {option.label}
          </label>
        ))}
      </fieldset>
      {tooMany && <p className="problem">{t.votes.tooMany(max)}</p>}
      <button type="submit" disabled={casting.loading || selected.length === 0 || tooMany}>
        {unit.ballotCast ? t.votes.change : t.votes.cast}
      </button>
      {done && <p className="notice">{t.votes.castDone}</p>}
      {casting.error && <Refused error={casting.error} />}
    </form>
  );
}
