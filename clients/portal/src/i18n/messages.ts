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
    AddressVisibility: t.addressVisibility,
    AgencyRole: t.agencyRole,
    EnergyClass: t.energyClass,
    ImportRunStatus: t.importStatus,
    InquiryStatus: t.inquiries.status,
    ListingAvailability: t.listingAvailability,
    ListingStatus: t.listingStatus,
    PropertyType: t.propertyType,
    SavedSearchFrequency: t.savedSearchFrequency,
    TransactionType: t.transactionType,
    ViewingStatus: t.viewingStatus,
  } satisfies Record<string, Record<string, string>>;
}
