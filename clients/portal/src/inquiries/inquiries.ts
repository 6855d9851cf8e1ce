// Questions to a listing's realtor: sending one, and the signed-in user's own with the answers.
import type { ApolloClient } from "@apollo/client";
import { graphql } from "../generated/gql.ts";

export const INQUIRIES_PAGE_SIZE = 20;

export const MyInquiriesQuery = graphql(`
  query MyInquiries($first: Int!, $after: String) {
    myInquiries(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...InquiryItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SendInquiry = graphql(`
  mutation SendInquiry($input: InquiryInput!) {
    sendInquiry(input: $input) {
      id
    }
  }
`);

/** The server's limits (sendInquiry): 10 to 5,000 characters. */
export const MIN_MESSAGE_LENGTH = 10;

export async function sendInquiry(client: ApolloClient, input: { listingId: string; message: string; phone?: string }): Promise<void> {
  await client.mutate({
    mutation: SendInquiry,
    variables: { input: { listingId: input.listingId, message: input.message, ...(input.phone ? { phone: input.phone } : {}) } },
    // "Moje dopyty" is fetched again the next time it is shown.
    update: (cache) => void cache.evict({ id: "ROOT_QUERY", fieldName: "myInquiries" }),
  });
}
