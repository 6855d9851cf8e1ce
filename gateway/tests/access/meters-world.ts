// Organization A's meter objects for the access matrix: a unit meter with a reading in a period,
// and a unit's person-months.
import type { PrismaClient } from "@ppt/db/client";

export interface MetersWorld {
  meterA: string;
  meterPeriodA: string;
  meterReadingA: string;
  personMonthA: string;
}

export async function createMetersWorld(db: PrismaClient, a: { orgA: string; userA: string; buildingA: string; unitA: string }): Promise<MetersWorld> {
  const organizationId = a.orgA;
  const meterA = (
    await db.meter.create({
      data: { organizationId, buildingId: a.buildingA, unitId: a.unitA, kind: "WATER_COLD", serialNumber: "SV-A-1", unitOfMeasure: "m3" },
    })
  ).id;
  const meterPeriodA = (
    await db.meterReadingPeriod.create({
      data: {
        organizationId,
        buildingId: a.buildingA,
        kind: "WATER_COLD",
        periodStart: new Date("2025-01-01"),
        periodEnd: new Date("2025-01-31"),
        opensOn: new Date("2025-01-25"),
        closesOn: new Date("2099-12-31"),
      },
    })
  ).id;
  const meterReadingA = (
    await db.meterReading.create({
      data: {
        organizationId,
        meterId: meterA,
        periodId: meterPeriodA,
        value: "12.5",
        readAt: new Date("2025-01-31"),
        status: "FLAGGED",
        submittedById: a.userA,
      },
    })
  ).id;
  const personMonthA = (
    await db.personMonth.create({ data: { organizationId, unitId: a.unitA, year: 2025, month: 1, personCount: 2, submittedById: a.userA } })
  ).id;
  return { meterA, meterPeriodA, meterReadingA, personMonthA };
}
