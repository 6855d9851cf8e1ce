import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { delegationForVote } from "../delegations/delegation-draft.ts";
import { Fact } from "../Fact.tsx";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { usePermission } from "../session/SessionContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { BallotForm } from "./BallotForm.tsx";
import { LiveVoteTally } from "./LiveVoteTally.tsx";
import { MyVotingUnits } from "./MyVotingUnits.tsx";
import { VoteActions } from "./VoteActions.tsx";
import { VoteComments } from "./VoteComments.tsx";
import { VoteRules } from "./VoteRules.tsx";
import { VoteStatusBadge } from "./VoteStatusBadge.tsx";

const VoteDetailQuery = graphql(`
  query VoteDetail($id: ID!) {
    vote(id: $id) {
      id
      title
      question
      description
      choiceType
      maxChoices
      matterType
      status
      isSecret
      allowBallotChange
      startsAt
      endsAt
      publishedAt
      closedAt
      cancelledAt
      eligibleUnitCount
      # Whether the caller votes as an owner here: they may then authorise someone for this vote.
      myVotingUnits {
        right
      }
      building {
        id
        street
        streetNumber
        city
      }
      options {
        id
        label
        description
        position
      }
      ruleSet {
        ...VoteRules
      }
      ...VoterUnits
      ...BallotChoices
      results {
        version
        ...VoteTally
      }
      ...VoteCommentList
    }
  }
`);

/**
 * One vote: the question and options, the rules it is counted by, the caller's units and their
 * ballot, the live tally, comments, and (for staff) publishing, closing and cancelling.
 */
export function VoteDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const { data, loading, error } = useQuery(VoteDetailQuery, { variables: { id } });
  const staff = usePermission("votes:write");
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  const vote = data?.vote;
  if (!vote) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.notFound}</p>;
  const choice =
    vote.choiceType === "MULTIPLE" && vote.maxChoices
      ? `${t.voteChoiceType.MULTIPLE} (${t.votes.maxChoices(vote.maxChoices)})`
      : t.voteChoiceType[vote.choiceType];
  return (
    <article className="vote">
      <Link href="/hlasovania">{t.back}</Link>
      <h1>
        {vote.title} <VoteStatusBadge status={vote.status} />
      </h1>
      {vote.question && <p className="question">{vote.question}</p>}
      {vote.description && <p className="description">{vote.description}</p>}
      <dl className="facts">
        {vote.building && <Fact label={t.votes.building} value={formatAddress(vote.building)} />}
        <Fact label={t.votes.startsAt} value={vote.startsAt ? format.dateTime(vote.startsAt) : t.votes.whenPublished} />
        {vote.endsAt && <Fact label={t.votes.endsAt} value={format.dateTime(vote.endsAt)} />}
        <Fact label={t.votes.matterType} value={t.voteMatterType[vote.matterType]} />
        <Fact label={t.votes.choiceType} value={choice} />
        <Fact label={t.votes.eligibleUnits} value={String(vote.eligibleUnitCount)} />
        <Fact label={vote.isSecret ? t.votes.secret : t.votes.public} value={vote.allowBallotChange ? t.votes.ballotChange : t.votes.noBallotChange} />
      </dl>
      <h2>{t.votes.options}</h2>
      <ol className="options">
        {vote.options.map((option) => (
          <li key={option.id}>
            <strong>{option.label}</strong>
            {option.description && <span className="muted"> – {option.description}</span>}
          </li>
        ))}
      </ol>
      <h2>{t.votes.ruleSet}</h2>
      <VoteRules ruleSet={vote.ruleSet} />
      {staff && <VoteActions voteId={vote.id} status={vote.status} />}
      <MyVotingUnits vote={vote} />
      {vote.status === "PUBLISHED" && vote.myVotingUnits.some((unit) => unit.right === "OWNER") && (
        <p>
          <Link href={delegationForVote(vote.endsAt)}>{t.delegations.forThisVote}</Link>
        </p>
      )}
      {vote.status === "PUBLISHED" && <BallotForm vote={vote} />}
      {vote.status !== "DRAFT" && vote.status !== "CANCELLED" && (
        <LiveVoteTally voteId={vote.id} status={vote.status} version={vote.results.version} tally={vote.results} />
      )}
      <VoteComments vote={vote} />
    </article>
  );
}
