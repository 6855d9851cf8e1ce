// The meters module's public surface: meters of units, buildings and common areas, their
// verification due dates, reading periods and readings (resident, manager, CSV import), anomaly
// flags, person-months, the consumption the financial settlement allocates, and the reminder job.
export { createMeterLoaders } from "./loaders.ts";
export { meterResolvers } from "./resolvers.ts";
export { consumptionForSettlement, consumptionShares, type ConsumptionShare, type PeriodConsumption, type UnitPeriodConsumption } from "./consumption.ts";
export { writeMeterReminders } from "./reminders.ts";
export { personMonthsOfYear } from "./person-months.ts";
export { meterOcrConsumer, suggestReadingFromPhoto, METER_OCR_CONSUMER } from "./ocr-job.ts";
export { readingDueNotice, readingReviewNotice, type ReadingDueNotice, type ReadingReviewNotice } from "./notices.ts";
