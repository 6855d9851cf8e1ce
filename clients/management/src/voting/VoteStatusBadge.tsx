import type { VoteStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

export function VoteStatusBadge({ status }: { status: VoteStatus }) {
  const { t } = useI18n();
  return <span className={`badge vote-${status.toLowerCase()}`}>{t.voteStatus[status]}</span>;
}
