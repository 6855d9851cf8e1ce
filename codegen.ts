// Types every resolver from the subgraph SDL (and, in clients/, every operation from the supergraph).
// Run by `npm install` (postinstall) and `npm run codegen`; output lives in generated/ folders.
import { createHash } from "node:crypto";
import type { CodegenConfig } from "@graphql-codegen/cli";
import type { Types } from "@graphql-codegen/plugin-helpers";
import { Kind, visit, type ASTNode } from "graphql";

const common = {
  useTypeImports: true,
  federation: true,
  useIndexSignature: true,
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
  scalars: {
    DateTime: { input: "string", output: "Date | string" },
    LocalDate: { input: "string", output: "Date | string" },
    UUID: "string",
    EmailAddress: "string",
    Decimal: { input: "string", output: "string | { toString(): string }" },
    JSON: "unknown",
    URL: { input: "URL", output: "URL | string" },
    Currency: "string",
  },
};

// What Apollo Client's cache does to every document it sends: __typename in every selection set
// but the operation's own (the client preset's transform adds it there too, which the apps' types
// and Apollo do not expect).
const addTypenameLikeApolloClient: Types.DocumentTransformObject = {
  transform: ({ documents }) =>
    documents.map((source) => ({
      ...source,
      document:
        source.document &&
        visit(source.document, {
          SelectionSet(node, _key, parent) {
            const isRoot = !Array.isArray(parent) && (parent as ASTNode | undefined)?.kind === Kind.OPERATION_DEFINITION;
            if (isRoot || node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "__typename")) return undefined;
            return { ...node, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: "__typename" } }, ...node.selections] };
          },
        }),
    })),
};

// A web app's typed `graphql()` documents, checked against the public (composed) graph.
const clientApp = (app: string) => ({
  schema: "schema/supergraph.graphql",
  documents: [`clients/${app}/src/**/*.{ts,tsx}`, `!clients/${app}/src/generated/**`, `!clients/${app}/src/**/*.test.{ts,tsx}`],
  preset: "client" as const,
  // persisted-documents.json: every operation by the SHA-256 of its text, the id the app sends and
  // the gateway in production serves by (README "Persisted documents"). The text is what Apollo
  // Client sends, __typename selections included, so an id and the document it stands for agree.
  documentTransforms: [addTypenameLikeApolloClient],
  presetConfig: {
    fragmentMasking: { unmaskFunctionName: "getFragmentData" },
    persistedDocuments: { hashAlgorithm: (text: string) => createHash("sha256").update(text).digest("hex") },
  },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    onlyOperationTypes: true,
    avoidOptionals: { field: true, inputValue: false },
    defaultScalarType: "unknown",
    nonOptionalTypename: true,
    skipTypeNameForRoot: true,
    scalars: { DateTime: "string", LocalDate: "string", UUID: "string", EmailAddress: "string", Decimal: "string", JSON: "unknown", Currency: "string" },
  },
});

// The documents the apps share (clients/shared/src/operations), typed once for all of them.
const sharedOperations = {
  ...clientApp("shared"),
  documents: ["clients/shared/src/operations/**/*.ts"],
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    "clients/shared/src/generated/": sharedOperations,
    "clients/management/src/generated/": clientApp("management"),
    "clients/portal/src/generated/": clientApp("portal"),
    "subgraphs/property/src/generated/graphql.ts": {
      schema: "schema/property.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        ...common,
        contextType: "../context.ts#PropertyContext",
        mappers: {
          Organization: "@ppt/db/client#Organization as OrganizationModel",
          Building: "../modules/buildings/service.ts#BuildingView",
          Unit: "../modules/buildings/service.ts#UnitView",
          Entrance: "@ppt/db/client#Entrance as EntranceModel",
          BuildingStatistics: "../modules/buildings/statistics.ts#BuildingStatisticsView",
          UnitImportRowResult: "../modules/buildings/unit-import.ts#UnitImportRowOutcome",
          BuildingConnection: "@ppt/server-kit#Connection<BuildingView>",
          UnitOwnership: "@ppt/db/client#UnitOwnership as UnitOwnershipModel",
          UnitOccupancy: "@ppt/db/client#UnitOccupancy as UnitOccupancyModel",
          User: "../modules/members/service.ts#MemberView",
          Fault: "@ppt/db/client#Fault as FaultModel",
          FaultConnection: "@ppt/server-kit#Connection<FaultModel>",
          FaultStatusChange: "@ppt/db/client#FaultStatusHistory as FaultStatusHistoryModel",
          FaultComment: "@ppt/db/client#FaultCommunication as FaultCommunicationModel",
          FaultCommentConnection: "@ppt/server-kit#Connection<FaultCommunicationModel>",
          FaultAttachment: "@ppt/db/client#FaultAttachment as FaultAttachmentModel",
          Meter: "@ppt/db/client#Meter as MeterModel",
          MeterReading: "@ppt/db/client#MeterReading as MeterReadingModel",
          MeterReadingPeriod: "@ppt/db/client#MeterReadingPeriod as MeterReadingPeriodModel",
          MeterKindRule: "@ppt/db/client#MeterKindRule as MeterKindRuleModel",
          PersonMonth: "@ppt/db/client#PersonMonth as PersonMonthModel",
          UnitConsumption: "../modules/meters/consumption.ts#UnitConsumptionView",
          Reservation: "@ppt/db/client#Reservation as ReservationModel",
          ReservationConnection: "@ppt/server-kit#Connection<ReservationModel>",
          Guest: "@ppt/db/client#Guest as GuestModel",
          PoliceRegistration: "@ppt/db/client#PoliceRegistration as PoliceRegistrationModel",
          AccommodationTaxReportRow: "../modules/rentals/tax.ts#TaxReportRowView",
          CalendarFeed: "@ppt/db/client#CalendarFeed as CalendarFeedModel",
          Conversation: "@ppt/db/client#Conversation as ConversationModel",
          ConversationConnection: "@ppt/server-kit#Connection<ConversationModel>",
          ConversationParticipant: "@ppt/db/client#ConversationParticipant as ConversationParticipantModel",
          Message: "@ppt/db/client#Message as MessageModel",
          MessageConnection: "@ppt/server-kit#Connection<MessageModel>",
          MessageAttachment: "@ppt/db/client#MessageAttachment as MessageAttachmentModel",
          TypingIndicator: "../modules/messages/conversations.ts#TypingSignal",
          FaultUpdate: "../modules/realtime/fault-updates.ts#FaultUpdate as FaultUpdateModel",
          DocumentFolder: "@ppt/db/client#DocumentFolder as DocumentFolderModel",
          DocumentFolderConnection: "@ppt/server-kit#Connection<DocumentFolderModel>",
          Document: "@ppt/db/client#Document as DocumentModel",
          DocumentConnection: "@ppt/server-kit#Connection<DocumentModel>",
          DocumentVersion: "@ppt/db/client#DocumentVersion as DocumentVersionModel",
          DocumentShare: "@ppt/db/client#DocumentShare as DocumentShareModel",
          Announcement: "@ppt/db/client#Announcement as AnnouncementModel",
          AnnouncementConnection: "@ppt/server-kit#Connection<AnnouncementModel>",
          AnnouncementComment: "@ppt/db/client#AnnouncementComment as AnnouncementCommentModel",
          AnnouncementCommentConnection: "@ppt/server-kit#Connection<AnnouncementCommentModel>",
          AuthPayload: "../modules/auth/sessions.ts#AuthPayloadView",
          Account: "../modules/auth/sessions.ts#AccountView",
          AccountMembership: "../modules/auth/views.ts#AccountMembershipView",
          Session: "../modules/auth/sessions.ts#SessionView",
          ApiClient: "@ppt/db/client#ApiClient as ApiClientModel",
          ApiClientConnection: "@ppt/server-kit#Connection<ApiClientModel>",
          Role: "../modules/organizations/roles.ts#RoleView",
          OrganizationMember: "../modules/organizations/membership.ts#MembershipView",
          OrganizationMemberConnection: "@ppt/server-kit#Connection<MembershipView>",
          Invitation: "../modules/organizations/membership.ts#InvitationView",
          InvitationConnection: "@ppt/server-kit#Connection<InvitationView>",
          Delegation: "@ppt/db/client#Delegation as DelegationModel",
          DelegationConnection: "@ppt/server-kit#Connection<DelegationModel>",
          AuditEntry: "@ppt/db/client#AuditLog as AuditLogModel",
          AuditEntryConnection: "@ppt/server-kit#Connection<AuditLogModel>",
          Vote: "@ppt/db/client#Vote as VoteModel",
          VoteConnection: "@ppt/server-kit#Connection<VoteModel>",
          VoteOption: "@ppt/db/client#VoteOption as VoteOptionModel",
          Ballot: "@ppt/db/client#Ballot as BallotModel",
          VoteComment: "@ppt/db/client#VoteComment as VoteCommentModel",
          VoteCommentConnection: "@ppt/server-kit#Connection<VoteCommentModel>",
          VotingUnit: "../modules/voting/loaders.ts#VotingUnitView",
          UnitBallot: "../modules/voting/loaders.ts#UnitBallotView",
          VoteResults: "../modules/voting/live-tally.ts#VoteResultsView",
          VoteOptionResult: "../modules/voting/tally.ts#OptionTally",
          VoteRecord: "../modules/voting/record.ts#VoteRecordView",
          VoteRecordUnit: "../modules/voting/record.ts#VoteRecordUnitView",
          VoteRecordBallot: "../modules/voting/record.ts#VoteRecordBallotView",
          BallotRevision: "../modules/voting/record.ts#BallotRevisionView",
          DisputedUnit: "../modules/voting/disputes.ts#DisputedUnitView",
          CoOwnerChoice: "../modules/voting/co-owner-choices.ts#CoOwnerChoice as CoOwnerChoiceView",
          Notification: "@ppt/db/client#Notification as NotificationModel",
          NotificationConnection: "../modules/notifications/service.ts#NotificationConnection as NotificationConnectionModel",
          NotificationPreferences: "../modules/notifications/preferences.ts#NotificationPreferencesView",
          PushSubscription: "@ppt/db/client#DeviceToken as DeviceTokenModel",
          Invoice: "@ppt/db/client#Invoice as InvoiceModel",
          InvoiceConnection: "@ppt/server-kit#Connection<InvoiceModel>",
          InvoiceItem: "@ppt/db/client#InvoiceItem as InvoiceItemModel",
          Payment: "@ppt/db/client#Payment as PaymentModel",
          PaymentConnection: "@ppt/server-kit#Connection<PaymentModel>",
          AdvancePaymentRule: "@ppt/db/client#AdvancePaymentRule as AdvancePaymentRuleModel",
          UnitArrears: "../modules/financial/graph.ts#UnitArrearsView",
          BuildingCost: "@ppt/db/client#BuildingCost as BuildingCostModel",
          BuildingCostShare: "@ppt/db/client#BuildingCostShare as BuildingCostShareModel",
          AnnualSettlement: "../modules/financial/annual-settlement.ts#AnnualSettlementView",
          UnitSettlement: "../modules/financial/annual-settlement.ts#UnitSettlementView",
          RepairFundStatement: "../modules/financial/fund-statement.ts#FundStatementView",
          BudgetLine: "../modules/financial/budgets.ts#BudgetLineView",
          SettlementLine: "../modules/financial/settlement.ts#SettlementLine as SettlementLineModel",
        },
      },
    },
    "subgraphs/reality/src/generated/graphql.ts": {
      schema: "schema/reality.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        ...common,
        contextType: "../context.ts#RealityContext",
        mappers: {
          Listing: "@ppt/db/client#Listing as ListingModel",
          Realtor: "@ppt/db/client#Realtor as RealtorModel",
          Agency: "@ppt/db/client#Agency as AgencyModel",
          Unit: "../modules/listings/service.ts#UnitRef",
          ListingConnection: "@ppt/server-kit#Connection<ListingModel>",
          ListingSearchConnection: "../modules/listings/pages.ts#ListingSearchConnection as ListingSearchConnectionModel",
          ListingCluster: "../modules/listings/clusters.ts#ListingClusterRow as ListingClusterModel",
          FavoriteConnection: "../modules/favorites/service.ts#FavoriteConnection as FavoriteConnectionModel",
          SavedSearch: "@ppt/db/client#SavedSearch as SavedSearchModel",
          RealtorLicense: "@ppt/db/client#RealtorLicense as RealtorLicenseModel",
          AgencyMembership: "@ppt/db/client#AgencyRealtor as AgencyRealtorModel",
          AgencyInvitation: "@ppt/db/client#AgencyInvitation as AgencyInvitationModel",
          Inquiry: "@ppt/db/client#Inquiry as InquiryModel",
          InquiryResponse: "@ppt/db/client#InquiryResponse as InquiryResponseModel",
          InquiryConnection: "@ppt/server-kit#Connection<InquiryModel>",
          Viewing: "@ppt/db/client#Viewing as ViewingModel",
          ViewingConnection: "@ppt/server-kit#Connection<ViewingModel>",
          ImportRun: "@ppt/db/client#ImportRun as ImportRunModel",
          ListingPhoto: "@ppt/db/client#ListingPhoto as ListingPhotoModel",
          BulkUpdateResult: "../modules/imports/bulk.ts#BulkUpdateResult as BulkUpdateResultModel",
          ImportRunConnection: "@ppt/server-kit#Connection<ImportRunModel>",
          PortalAuthPayload: "../modules/accounts/sessions.ts#PortalAuthPayloadView",
          PortalAccount: "@ppt/db/client#PortalUser as PortalUserModel",
          PortalOidcStart: "../modules/accounts/oidc.ts#OidcStartView",
        },
      },
    },
  },
};

export default config;
