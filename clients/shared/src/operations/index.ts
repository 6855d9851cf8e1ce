// The GraphQL documents the apps share, typed by codegen against the public graph (so no
// operation is written twice). Each app keeps only what no other app sends.
export * from "./announcements.ts";
export * from "./auth.ts";
export * from "./balances.ts";
export * from "./faults.ts";
export * from "./meter-readings.ts";
export * from "./residents.ts";
export type * from "../generated/graphql.ts";
export { getFragmentData } from "../generated/fragment-masking.ts";
// The resident screens of the mobile app (votes, messages, meters, push registration).
export * from "./resident-votes.ts";
export * from "./resident-messages.ts";
export * from "./resident-meters.ts";
export * from "./push-registration.ts";
