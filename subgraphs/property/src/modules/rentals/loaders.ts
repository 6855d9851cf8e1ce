import { loaderById, loaderByParent, writeAuditLog } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createRentalLoaders(ctx: PropertyContext) {
  return {
    reservation: loaderById((ids) => ctx.db.read((tx) => tx.reservation.findMany({ where: { id: { in: ids } } }))),
    guest: loaderById((ids) => ctx.db.read((tx) => tx.guest.findMany({ where: { id: { in: ids } } }))),
    guestsByReservation: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.guest.findMany({ where: { reservationId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.reservationId,
    ),
    policeRegistrationsByReservation: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.policeRegistration.findMany({ where: { reservationId: { in: ids } }, orderBy: [{ dueOn: "asc" }, { id: "asc" }] })),
      (row) => row.reservationId,
    ),
    policeReportingRule: loaderById((ids) => ctx.db.read((tx) => tx.policeReportingRule.findMany({ where: { id: { in: ids } } }))),
    /** One audit entry per request for every reservation whose guests' documents were read. */
    guestAccessAudit: loaderById(async (ids) => {
      await ctx.db.write((tx) =>
        writeAuditLog(
          tx,
          { caller: ctx.caller, requestId: ctx.requestId },
          { action: "rental.guest_data_read", entityType: "reservation", entityId: ids.length === 1 ? ids[0] : null, diff: { reservationIds: ids } },
        ),
      );
      return ids.map((id) => ({ id }));
    }),
  };
}
