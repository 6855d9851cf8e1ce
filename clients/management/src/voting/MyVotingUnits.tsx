import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

export const VoterUnitsFields = graphql(`
  fragment VoterUnits on Vote {
    id
    myVotingUnits {
      right
      ballotCast
      unit {
        id
        designation
      }
    }
    myBallots {
      id
      revision
      unit {
        id
      }
      choices {
        id
        label
      }
    }
  }
`);

/** The units the caller may vote for (as owner or delegate) and whether each has voted, with the caller's own choice. */
export function MyVotingUnits(props: { vote: FragmentType<typeof VoterUnitsFields> }) {
  const { t } = useI18n();
  const vote = getFragmentData(VoterUnitsFields, props.vote);
  return (
    <section>
      <h2>{t.votes.myUnits}</h2>
      {vote.myVotingUnits.length === 0 ? (
        <p className="notice">{t.votes.noUnits}</p>
      ) : (
        <ul className="rows voting-units">
          {vote.myVotingUnits.map((votingUnit) => {
            const ballot = vote.myBallots.find((b) => b.unit?.id === votingUnit.unit?.id);
            return (
              <li key={votingUnit.unit?.id ?? votingUnit.right}>
                <strong>{t.votes.unitLabel(votingUnit.unit?.designation ?? "—")}</strong>
                <span className="muted">{t.votingRight[votingUnit.right]}</span>
                <span className={votingUnit.ballotCast ? "badge vote-voted" : "badge"}>{votingUnit.ballotCast ? t.votes.voted : t.votes.notVoted}</span>
                {ballot && <span>{`${t.votes.yourChoice}: ${ballot.choices.map((c) => c.label).join(", ")}`}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
