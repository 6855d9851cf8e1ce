// The dictionaries by language, and the labels of every GraphQL enum the app shows (the test in
// i18n.test.ts holds this list against the schema: an enum value without a label fails it).
import { en } from "./en.ts";
import type { Locale } from "@ppt/client-shared";
import { sk, type Messages } from "./sk.ts";

export type { Messages } from "./sk.ts";

export const dictionaries: Record<Locale, Messages> = { sk, en };

/** GraphQL enum name → its values' labels, in one language. */
export function enumLabels(t: Messages) {
  return {
    BuildingStatus: t.buildingStatus,
    DelegationDirection: t.delegationDirection,
    DelegationScope: t.delegationScope,
    MembershipStatus: t.membershipStatus,
    ConversationKind: t.conversationKind,
    FaultCategory: t.faultCategory,
    FaultPriority: t.faultPriority,
    FaultStatus: t.faultStatus,
    NotificationCategory: t.notificationCategory,
    NotificationChannel: t.notificationChannel,
    NotificationLanguage: t.notificationLanguage,
    UnitImportErrorCode: t.unitImport.rowProblem,
    UnitImportRowStatus: t.unitImport.status,
    UnitType: t.unitType,
    VoteChoiceType: t.voteChoiceType,
    VoteDenominator: t.voteDenominator,
    VoteMatterType: t.voteMatterType,
    VoteOutcome: t.voteOutcome,
    VoteStatus: t.voteStatus,
    VoteWeighting: t.voteWeighting,
    VotingRight: t.votingRight,
    AnnouncementStatus: t.announcementStatus,
    // Finance, meters and rentals.
    AdvanceFund: t.advanceFund,
    AllocationKey: t.allocationKey,
    GuestDocumentType: t.guestDocumentType,
    InvoiceStatus: t.invoiceStatus,
    MeterKind: t.meterKind,
    MeterReadingDecision: t.meterReadingDecision,
    MeterReadingStatus: t.meterReadingStatus,
    PaymentMatchStatus: t.paymentMatchStatus,
    PaymentMethod: t.paymentMethod,
    ReservationSource: t.reservationSource,
    ReservationStatus: t.reservationStatus,
  } satisfies Record<string, Record<string, string>>;
}
