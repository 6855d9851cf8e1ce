// Inquiries and viewing requests from portal users to listings' realtors.
export { inquiryResolvers } from "./resolvers.ts";
export { createInquiryLoaders } from "./loaders.ts";
export { inquiryMailConsumers, INQUIRY_MAIL_CONSUMER } from "./inquiry-mail.ts";
