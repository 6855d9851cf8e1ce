import type { Resolvers } from "../../generated/graphql.ts";
import { unsubscribeRealtorMail } from "./mail-recipient.ts";
import * as realtors from "./service.ts";

const day = (date: Date) => date.toISOString().slice(0, 10);

export const realtorResolvers: Resolvers = {
  Query: {
    realtor: (_, { id }, ctx) => realtors.getRealtor(ctx, id),
    sitemapRealtors: (_, { page, pageSize }, ctx) => realtors.sitemapRealtors(ctx, page, pageSize),
    myRealtorProfile: (_, __, ctx) => realtors.myRealtorProfile(ctx),
  },
  Mutation: {
    updateMyRealtorProfile: (_, { input }, ctx) => realtors.updateMyRealtorProfile(ctx, input),
    addMyRealtorLicense: (_, { input }, ctx) => realtors.addMyRealtorLicense(ctx, input),
    unsubscribeRealtorMail: (_, { token }, ctx) => unsubscribeRealtorMail(ctx, token),
  },
  Realtor: {
    __resolveReference: ({ id }, ctx) => ctx.loaders.realtor.load(id),
    licenses: (realtor, _, ctx) => realtors.licensesOf(ctx, realtor.id),
    agencies: (realtor, _, ctx) => ctx.loaders.membershipsByRealtor.load(realtor.id),
  },
  RealtorLicense: {
    validFrom: (license) => day(license.validFrom),
    validTo: (license) => (license.validTo ? day(license.validTo) : null),
    verified: (license) => license.verifiedAt !== null,
  },
};
