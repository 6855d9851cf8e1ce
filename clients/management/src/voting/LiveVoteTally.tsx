import { useSubscription } from "@apollo/client/react";
import type { FragmentType } from "../generated/fragment-masking.ts";
import type { VoteStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { applyLiveTally, VoteTallyUpdated } from "./live-tally.ts";
import { VoteTally, type VoteTallyFields } from "./VoteTally.tsx";

interface Props {
  voteId: string;
  status: VoteStatus;
  version: string;
  /** The tally the cache holds: the live feed updates it there. */
  tally: FragmentType<typeof VoteTallyFields>;
}

/** The tally of a vote, kept live while the vote can still change (a draft opening, ballots, closing). */
export function LiveVoteTally({ voteId, status, version, tally }: Props) {
  const { t } = useI18n();
  const settled = status === "CLOSED" || status === "CANCELLED";
  useSubscription(VoteTallyUpdated, {
    variables: { voteId },
    skip: settled,
    onData: ({ client, data }) => {
      if (data.data) applyLiveTally(client.cache, data.data.voteTallyUpdated);
    },
  });
  return (
    <section>
      <h2>
        {t.votes.results} {!settled && <span className="live">● {t.votes.live}</span>} <span className="muted tally-version">{t.votes.version(version)}</span>
      </h2>
      <VoteTally tally={tally} />
    </section>
  );
}
