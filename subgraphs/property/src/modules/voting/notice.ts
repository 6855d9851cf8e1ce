// What the notification centre needs to tell residents of a vote: its title and building.
import type { Tx } from "@ppt/server-kit";

export interface VoteNotice {
  id: string;
  title: string;
  buildingId: string | null;
}

export function voteNotice(tx: Tx, voteId: string): Promise<VoteNotice | null> {
  return tx.vote.findUnique({ where: { id: voteId }, select: { id: true, title: true, buildingId: true } });
}
