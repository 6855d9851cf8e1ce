// Realtors: profiles, licenses, who a signed-in portal user is as a realtor.
export { realtorResolvers } from "./resolvers.ts";
export { createRealtorLoaders } from "./loaders.ts";
export { realtorMailRecipient, type PortalAccountLookup, type RealtorMailRecipient } from "./mail-recipient.ts";
export { activeRealtor, currentRealtor, linkRealtorProfile, realtorForAccount, realtorsByIds, requireRealtor, type RealtorActor } from "./service.ts";
