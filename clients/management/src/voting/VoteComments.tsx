import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { fullName } from "../format.ts";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

export const VoteCommentListFields = graphql(`
  fragment VoteCommentList on Vote {
    id
    comments(first: 100) {
      totalCount
      edges {
        node {
          id
          body
          createdAt
          author {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

const CommentOnVote = graphql(`
  mutation CommentOnVote($voteId: ID!, $body: String!) {
    commentOnVote(voteId: $voteId, body: $body) {
      id
    }
  }
`);

/** The discussion of a vote, oldest first, and a box to add to it. */
export function VoteComments(props: { vote: FragmentType<typeof VoteCommentListFields> }) {
  const { t, format } = useI18n();
  const vote = getFragmentData(VoteCommentListFields, props.vote);
  const [draft, setDraft] = useState("");
  // The new comment is read back with the vote (the list is a page of a connection).
  const [comment, commenting] = useMutation(CommentOnVote, { refetchQueries: ["VoteDetail"], awaitRefetchQueries: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    const result = await comment({ variables: { voteId: vote.id, body } }).catch(() => null);
    if (result?.data) setDraft("");
  }

  const comments = vote.comments.edges.map((edge) => edge.node);
  return (
    <section>
      <h2>{t.votes.comments}</h2>
      {comments.length === 0 && <p className="notice">{t.votes.noComments}</p>}
      <ul className="comments">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{fullName(c.author)}</strong> <span className="muted">{format.dateTime(c.createdAt)}</span>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      <form className="composer" onSubmit={(event) => void submit(event)}>
        <textarea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t.votes.commentPlaceholder}
          aria-label={t.votes.commentPlaceholder}
          rows={2}
        />
        <button type="submit" disabled={commenting.loading || !draft.trim()}>
          {t.votes.send}
        </button>
      </form>
      {commenting.error && <Refused error={commenting.error} />}
    </section>
  );
}
