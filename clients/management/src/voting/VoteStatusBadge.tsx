import type { VoteStatus } from "../generated/graphql.ts";
import { sk } from "../strings.ts";

export function VoteStatusBadge({ status }: { status: VoteStatus }) {
  return <span className={`badge vote-${status.toLowerCase()}`}>{sk.voteStatus[status]}</span>;
}
