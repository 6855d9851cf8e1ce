// What the notification centre needs to know of a rentals event when it turns it into notices:
// the registration as it stands now (a report submitted since the reminder was written needs no
// notice). Ids, the unit and dates only: the guest's personal data never leaves this module.
import type { Tx } from "@ppt/server-kit";
import { isoDay } from "./dates.ts";

export interface PoliceRegistrationNotice {
  id: string;
  unitId: string;
  dueOn: string;
  pending: boolean;
}

export async function policeRegistrationNotice(tx: Tx, registrationId: string): Promise<PoliceRegistrationNotice | null> {
  const row = await tx.policeRegistration.findUnique({
    where: { id: registrationId },
    select: { id: true, status: true, dueOn: true, reservation: { select: { unitId: true } } },
  });
  return row ? { id: row.id, unitId: row.reservation.unitId, dueOn: isoDay(row.dueOn), pending: row.status === "PENDING" } : null;
}
