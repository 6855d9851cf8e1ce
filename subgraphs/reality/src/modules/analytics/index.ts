// Listing traffic over time: views, favorites, inquiries per day.
export { analyticsResolvers } from "./resolvers.ts";
export { countListingEvent } from "./service.ts";
