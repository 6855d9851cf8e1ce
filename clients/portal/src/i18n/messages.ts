// The dictionaries by language, and the labels of every GraphQL enum the portal shows (the test in
// i18n.test.ts holds this list against the schema: an enum value without a label fails it).
import { en } from "./en.ts";
import type { Locale } from "@ppt/client-shared";
import { sk, type Messages } from "./sk.ts";

export type { Messages } from "./sk.ts";

export const dictionaries: Record<Locale, Messages> = { sk, en };

/** GraphQL enum name → its values' labels, in one language. */
export function enumLabels(t: Messages) {
  return {
    AgencyRole: t.agencyRole,
    EnergyClass: t.energyClass,
    InquiryStatus: t.inquiries.status,
    ListingAvailability: t.listingAvailability,
    PropertyType: t.propertyType,
    SavedSearchFrequency: t.savedSearchFrequency,
    TransactionType: t.transactionType,
  } satisfies Record<string, Record<string, string>>;
}
