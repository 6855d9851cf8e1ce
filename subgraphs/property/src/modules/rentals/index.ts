// The rentals module's public surface: short-term reservations of units (no double booking, by
// the database), guests and their check-in/out, police registration of foreign guests, the
// municipalities' accommodation tax, iCal export and Airbnb/Booking import, and its jobs.
export { createRentalLoaders } from "./loaders.ts";
export { rentalResolvers } from "./resolvers.ts";
export { rentalRoutes, syncCalendarImports, httpIcsFetcher, type IcsFetcher } from "./calendar.ts";
export { writePoliceRegistrationReminders } from "./police.ts";
export { anonymizeExpiredGuests, GUEST_DATA_RETENTION_MONTHS } from "./retention.ts";
export { policeRegistrationNotice, type PoliceRegistrationNotice } from "./notices.ts";
