// Reminders as outbox events (the notification worker delivers them): `meter.reading_due` for an
// open reading period closing within REMIND_DAYS_BEFORE_CLOSE days, naming the units still
// without a reading (at most one a day per period: reminded_on), and `meter.verification_due`
// once a week per building for meters whose verification runs out within VERIFICATION_NOTICE_DAYS.
// Every organization is visited under its own tenant setting (RLS stays on). Safe to run again
// at any time: a second run on the same day writes nothing new.
import { writeOutboxEvents, type DomainEvent, type PrismaClient } from "@ppt/server-kit";
import { forEachOrganization } from "../organizations/index.ts";

export const REMIND_DAYS_BEFORE_CLOSE = 3;
export const VERIFICATION_NOTICE_DAYS = 60;

const day = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function writeMeterReminders(deps: { prisma: PrismaClient }, now = new Date()): Promise<number> {
  const today = day(now);
  const written = await forEachOrganization(deps.prisma, "writeMeterReminders", (db, organizationId) =>
    db.write(async (tx) => {
      const events: DomainEvent[] = [];
      const periods = await tx.meterReadingPeriod.findMany({
        where: {
          closedAt: null,
          opensOn: { lte: today },
          closesOn: { gte: today, lte: addDays(today, REMIND_DAYS_BEFORE_CLOSE) },
          OR: [{ remindedOn: null }, { remindedOn: { lt: today } }],
        },
      });
      for (const period of periods) {
        const meters = await tx.meter.findMany({
          where: {
            buildingId: period.buildingId,
            kind: period.kind,
            removedAt: null,
            unitId: { not: null },
            readings: { none: { periodId: period.id, status: { not: "REJECTED" } } },
          },
          select: { unitId: true },
        });
        await tx.meterReadingPeriod.update({ where: { id: period.id }, data: { remindedOn: today } });
        if (meters.length === 0) continue;
        events.push({
          aggregateType: "meter_reading_period",
          aggregateId: period.id,
          eventType: "meter.reading_due",
          organizationId,
          payload: {
            buildingId: period.buildingId,
            kind: period.kind,
            closesOn: period.closesOn.toISOString().slice(0, 10),
            unitIds: [...new Set(meters.map((m) => m.unitId))],
          },
        });
      }
      // Verification notices: Mondays only, so a building hears about a meter once a week.
      if (today.getUTCDay() === 1) {
        const due = await tx.meter.findMany({
          where: { removedAt: null, verificationDueOn: { lte: addDays(today, VERIFICATION_NOTICE_DAYS) } },
          select: { id: true, buildingId: true, unitId: true, kind: true, verificationDueOn: true },
          orderBy: { verificationDueOn: "asc" },
        });
        const byBuilding = new Map<string, typeof due>();
        for (const m of due) byBuilding.set(m.buildingId, [...(byBuilding.get(m.buildingId) ?? []), m]);
        for (const [buildingId, meters] of byBuilding) {
          events.push({
            aggregateType: "building",
            aggregateId: buildingId,
            eventType: "meter.verification_due",
            organizationId,
            payload: {
              buildingId,
              week: today.toISOString().slice(0, 10),
              meters: meters.map((m) => ({ meterId: m.id, unitId: m.unitId, kind: m.kind, dueOn: m.verificationDueOn!.toISOString().slice(0, 10) })),
            },
          });
        }
      }
      return writeOutboxEvents(tx, events);
    }),
  );
  return written.reduce((sum, n) => sum + n, 0);
}
