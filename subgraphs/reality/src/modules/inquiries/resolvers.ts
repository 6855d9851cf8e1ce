import type { Resolvers } from "../../generated/graphql.ts";
import type { RealityContext } from "../../context.ts";
import { getListing } from "../listings/index.ts";
import * as inquiries from "./service.ts";
import * as viewings from "./viewings.ts";

/** The listing as the caller may see it now (published, or theirs to edit); null otherwise. */
const visibleListing = (listingId: string, ctx: RealityContext) => getListing(ctx, listingId).catch(() => null);

export const inquiryResolvers: Resolvers = {
  Query: {
    myInquiries: (_, { first, after }, ctx) => inquiries.myInquiries(ctx, first, after),
    receivedInquiries: (_, { listingId, status, first, after }, ctx) => inquiries.receivedInquiries(ctx, { listingId, status }, first, after),
    myViewings: (_, { first, after }, ctx) => viewings.myViewings(ctx, first, after),
    receivedViewings: (_, { status, first, after }, ctx) => viewings.receivedViewings(ctx, status, first, after),
  },
  Mutation: {
    sendInquiry: (_, { input }, ctx) => inquiries.sendInquiry(ctx, input),
    respondToInquiry: (_, { inquiryId, body }, ctx) => inquiries.respondToInquiry(ctx, inquiryId, body),
    setInquiryStatus: (_, { inquiryId, status }, ctx) => inquiries.setInquiryStatus(ctx, inquiryId, status),
    requestViewing: (_, { input }, ctx) => viewings.requestViewing(ctx, input),
    confirmViewing: (_, { viewingId, time }, ctx) => viewings.confirmViewing(ctx, viewingId, time),
    declineViewing: (_, { viewingId }, ctx) => viewings.declineViewing(ctx, viewingId),
    cancelViewing: (_, { viewingId }, ctx) => viewings.cancelViewing(ctx, viewingId),
  },
  Inquiry: {
    listing: (inquiry, _, ctx) => visibleListing(inquiry.listingId, ctx),
    responses: (inquiry, _, ctx) => inquiries.responsesOf(ctx, inquiry.id),
  },
  InquiryResponse: {
    realtor: (response, _, ctx) => ctx.loaders.realtor.load(response.realtorId),
  },
  Viewing: {
    listing: (viewing, _, ctx) => visibleListing(viewing.listingId, ctx),
    // Only the requester and the listing's editors ever reach a viewing (myViewings, receivedViewings).
    requester: async (viewing, _, ctx) => {
      const user = await ctx.loaders.viewingRequester.load(viewing.portalUserId);
      return user ? { name: user.name, email: user.email, phone: user.phone } : null;
    },
  },
};
