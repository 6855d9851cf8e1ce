// Organization A's short-term rental objects for the access matrix: a stay in unitA (owned by
// userA) with a foreign guest and their police registration, and an imported calendar feed.
import type { PrismaClient } from "@ppt/db/client";

export interface RentalsWorld {
  reservationA: string;
  guestA: string;
  policeRegistrationA: string;
  calendarFeedA: string;
}

export async function createRentalsWorld(db: PrismaClient, a: { orgA: string; unitA: string }): Promise<RentalsWorld> {
  const organizationId = a.orgA;
  const checkIn = new Date("2030-03-01");
  const checkOut = new Date("2030-03-04");
  const reservationA = (await db.reservation.create({ data: { organizationId, unitId: a.unitA, checkIn, checkOut, guestCount: 1, totalPrice: "150.00" } })).id;
  const guestA = (
    await db.guest.create({
      data: {
        organizationId,
        reservationId: reservationA,
        firstName: "Olena",
        lastName: "Kovalenko",
        nationality: "UA",
        documentType: "PASSPORT",
        documentNumber: "FX1",
        stayFrom: checkIn,
        stayTo: checkOut,
      },
    })
  ).id;
  const rule = await db.policeReportingRule.findFirstOrThrow({ where: { country: "SK" } });
  const policeRegistrationA = (
    await db.policeRegistration.create({
      data: { organizationId, reservationId: reservationA, guestId: guestA, ruleId: rule.id, dueOn: new Date("2030-03-06") },
    })
  ).id;
  const calendarFeedA = (
    await db.calendarFeed.create({ data: { organizationId, unitId: a.unitA, direction: "IMPORT", source: "AIRBNB", url: "http://127.0.0.1:9/airbnb.ics" } })
  ).id;
  return { reservationA, guestA, policeRegistrationA, calendarFeedA };
}
