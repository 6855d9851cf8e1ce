// The GraphQL documents the apps share, typed by codegen against the public graph (so no
// operation is written twice). Each app keeps only what no other app sends.
export * from "./auth.ts";
export * from "./balances.ts";
export * from "./faults.ts";
export * from "./meter-readings.ts";
export * from "./residents.ts";
export type * from "../generated/graphql.ts";
export { getFragmentData } from "../generated/fragment-masking.ts";
