import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import type { VoteChoiceType, VoteMatterType } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { sk } from "../i18n/sk.ts";
import { createVoteInput, emptyVoteDraft, RULE_SET_KEYS, type VoteDraft, type VoteDraftProblem } from "./vote-draft.ts";

const VoteBuildings = graphql(`
  query VoteBuildings {
    buildings(first: 100) {
      edges {
        node {
          id
          street
          streetNumber
          city
        }
      }
    }
  }
`);

const CreateVote = graphql(`
  mutation CreateVote($input: CreateVoteInput!) {
    createVote(input: $input) {
      id
      status
    }
  }
`);

const MATTER_TYPES = Object.keys(sk.voteMatterType) as VoteMatterType[];
const CHOICE_TYPES = Object.keys(sk.voteChoiceType) as VoteChoiceType[];

/** Staff: a new vote as a draft (?budova=… preselects the building); publishing it opens it. */
export function CreateVoteForm() {
  const { t } = useI18n();
  const preselected = new URLSearchParams(useSearch()).get("budova") ?? "";
  const [draft, setDraft] = useState<VoteDraft>(() => emptyVoteDraft(preselected, t.votes.defaultOptions));
  const [problem, setProblem] = useState<VoteDraftProblem | null>(null);
  const { data } = useQuery(VoteBuildings);
  const [create, creating] = useMutation(CreateVote, { refetchQueries: ["Votes"] });
  const [, navigate] = useLocation();
  const set = <K extends keyof VoteDraft>(key: K, value: VoteDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = createVoteInput(draft);
    if ("problem" in checked) return setProblem(checked.problem);
    setProblem(null);
    const result = await create({ variables: { input: checked.input } }).catch(() => null);
    if (result?.data) navigate(`/hlasovania/${result.data.createVote.id}`);
  }

  return (
    <section>
      <Link href="/hlasovania">{t.back}</Link>
      <h1>{t.votes.createHeading}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t.votes.building}
          <select value={draft.buildingId} onChange={(e) => set("buildingId", e.target.value)} required>
            <option value="">{t.votes.chooseBuilding}</option>
            {data?.buildings.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {formatAddress(node)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.votes.title}
          <input value={draft.title} onChange={(e) => set("title", e.target.value)} required />
        </label>
        <label>
          {t.votes.question}
          <input value={draft.question} onChange={(e) => set("question", e.target.value)} />
        </label>
        <label>
          {t.votes.description}
          <textarea value={draft.description} onChange={(e) => set("description", e.target.value)} rows={3} />
        </label>
        <label>
          {t.votes.options} <span className="muted">({t.votes.optionsHint})</span>
          <textarea value={draft.options} onChange={(e) => set("options", e.target.value)} rows={4} required />
        </label>
        <label>
          {t.votes.choiceType}
          <select value={draft.choiceType} onChange={(e) => set("choiceType", e.target.value as VoteChoiceType)}>
            {CHOICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.voteChoiceType[type]}
              </option>
            ))}
          </select>
        </label>
        {draft.choiceType === "MULTIPLE" && (
          <label>
            {t.votes.maxChoicesLabel}
            <input type="number" min={1} value={draft.maxChoices} onChange={(e) => set("maxChoices", e.target.value)} />
          </label>
        )}
        <label>
          {t.votes.matterType}
          <select value={draft.matterType} onChange={(e) => set("matterType", e.target.value as VoteMatterType)}>
            {MATTER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.voteMatterType[type]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.votes.ruleSetKey}
          <select value={draft.ruleSetKey} onChange={(e) => set("ruleSetKey", e.target.value as VoteDraft["ruleSetKey"])}>
            {RULE_SET_KEYS.map((key) => (
              <option key={key} value={key}>
                {t.ruleSets[key]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.votes.startsAt} <span className="muted">({t.votes.whenPublished})</span>
          <input type="datetime-local" value={draft.startsAt} onChange={(e) => set("startsAt", e.target.value)} />
        </label>
        <label>
          {t.votes.endsAt}
          <input type="datetime-local" value={draft.endsAt} onChange={(e) => set("endsAt", e.target.value)} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.isSecret} onChange={(e) => set("isSecret", e.target.checked)} /> {t.votes.secret}
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.allowBallotChange} onChange={(e) => set("allowBallotChange", e.target.checked)} /> {t.votes.ballotChange}
        </label>
        {problem && (
          <p className="problem" role="alert">
            {t.votes.invalid[problem]}
          </p>
        )}
        {creating.error && <Refused error={creating.error} />}
        <button type="submit" disabled={creating.loading}>
          {t.votes.save}
        </button>
      </form>
    </section>
  );
}
