// Viewing requests: a signed-in visitor proposes times to see a listing; the realtor confirms one
// or declines in the console's inbox; the visitor follows the state under "Moje dopyty".
import type { ApolloClient } from "@apollo/client";
import { graphql } from "../generated/gql.ts";

export const VIEWINGS_PAGE_SIZE = 20;
/** The server takes one to five times; the form offers three. */
export const PROPOSED_TIME_FIELDS = 3;
export const MAX_VIEWING_MESSAGE = 2_000;

export const MyViewingsQuery = graphql(`
  query MyViewings($first: Int!, $after: String) {
    myViewings(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
          proposedTimes
          confirmedTime
          message
          createdAt
          listing {
            id
            title
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RequestViewing = graphql(`
  mutation RequestViewing($input: ViewingRequestInput!) {
    requestViewing(input: $input) {
      id
      status
    }
  }
`);

const CancelViewing = graphql(`
  mutation CancelViewing($viewingId: ID!) {
    cancelViewing(viewingId: $viewingId) {
      id
      status
      respondedAt
    }
  }
`);

/**
 * The form's own check before sending: the `datetime-local` values (the visitor's local time)
 * that were filled in, as instants; "none" without any, "past" when one is not in the future.
 */
export function proposedTimes(values: readonly string[], now = Date.now()): Date[] | "none" | "past" {
  const times = values.filter((value) => value.trim() !== "").map((value) => new Date(value));
  if (times.length === 0) return "none";
  if (times.some((time) => Number.isNaN(time.getTime()) || time.getTime() <= now)) return "past";
  return times;
}

export async function requestViewing(client: ApolloClient, input: { listingId: string; proposedTimes: Date[]; message: string }): Promise<void> {
  await client.mutate({
    mutation: RequestViewing,
    variables: {
      input: {
        listingId: input.listingId,
        proposedTimes: input.proposedTimes.map((t) => t.toISOString()),
        ...(input.message ? { message: input.message } : {}),
      },
    },
    // "Moje dopyty" is fetched again the next time it is shown.
    update: (cache) => void cache.evict({ id: "ROOT_QUERY", fieldName: "myViewings" }),
  });
}

export async function cancelViewing(client: ApolloClient, viewingId: string): Promise<void> {
  await client.mutate({ mutation: CancelViewing, variables: { viewingId } });
}
