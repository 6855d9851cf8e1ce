import { CombinedGraphQLErrors } from "@apollo/client";

/** The graph answers NOT_FOUND both for what does not exist and for what the caller may not see. */
export function isNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.every((e) => e.extensions?.code === "NOT_FOUND");
}
