// What the notification centre needs to tell people about a fault: its title, state and the
// people it concerns. Runs in the caller's transaction (the organization already set).
import type { FaultStatus } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

export interface FaultNotice {
  id: string;
  title: string;
  status: FaultStatus;
  buildingId: string;
  reporterId: string;
  assigneeId: string | null;
}

export function faultNotice(tx: Tx, faultId: string): Promise<FaultNotice | null> {
  return tx.fault.findUnique({
    where: { id: faultId },
    select: { id: true, title: true, status: true, buildingId: true, reporterId: true, assigneeId: true },
  });
}
