// Guests' personal data is kept only as long as the law asks the accommodation provider to keep
// the guest book, then removed by a scheduled job: names become a placeholder, birth date,
// travel document, visa and address abroad are erased, and the stored police report (which
// repeats them) is dropped. What the accommodation tax and the statistics need stays: the stay's
// dates, nationality, the purpose of stay and the age at arrival (for age exemptions), so a
// month's tax report gives the same totals afterwards.
//
// GUEST_DATA_RETENTION_MONTHS: an assumption to verify with counsel — the guest book
// (domová kniha / evidencia ubytovaných) is commonly kept for 5 years after the stay; neither
// Act No. 404/2011 Coll. nor the municipal tax regulations were checked for the exact period
// here. Each organization is visited under its own tenant setting; safe to run again.
import { writeOutboxEvents, type PrismaClient } from "@ppt/server-kit";
import { forEachOrganization } from "../organizations/index.ts";
import { today } from "./dates.ts";

export const GUEST_DATA_RETENTION_MONTHS = 60;
export const ANONYMIZED_NAME = "—";

export async function anonymizeExpiredGuests(deps: { prisma: PrismaClient }, now = new Date(), retentionMonths = GUEST_DATA_RETENTION_MONTHS): Promise<number> {
  const day = today(now);
  const cutoff = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - retentionMonths, day.getUTCDate()));
  const anonymized = await forEachOrganization(deps.prisma, "anonymizeExpiredGuests", (db, organizationId) =>
    db.write(async (tx) => {
      const expired = await tx.guest.findMany({
        where: { anonymizedAt: null, stayTo: { lt: cutoff } },
        select: { id: true, reservationId: true },
        take: 5000,
      });
      if (expired.length === 0) return 0;
      const ids = expired.map((g) => g.id);
      await tx.guest.updateMany({
        where: { id: { in: ids } },
        data: {
          firstName: ANONYMIZED_NAME,
          lastName: ANONYMIZED_NAME,
          birthDate: null,
          documentType: null,
          documentNumber: null,
          visaNumber: null,
          address: null,
          anonymizedAt: now,
        },
      });
      await tx.policeRegistration.updateMany({ where: { guestId: { in: ids } }, data: { report: null } });
      await writeOutboxEvents(tx, [
        {
          aggregateType: "organization",
          aggregateId: organizationId,
          eventType: "rental.guest_data_removed",
          organizationId,
          payload: { guests: ids.length, cutoff: cutoff.toISOString().slice(0, 10) },
        },
      ]);
      return ids.length;
    }),
  );
  return anonymized.reduce((sum, n) => sum + n, 0);
}
