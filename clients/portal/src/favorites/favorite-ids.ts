// Which listings the signed-in user saved, for the stars on cards and the detail (the graph's
// Listing has no per-user flag), and the toggle that changes it. The first 100 favorites are
// flagged; a user with more sees the older ones unflagged (they stay on the favorites page).
import { useState } from "react";
import type { ApolloCache, ApolloClient } from "@apollo/client";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { useSession } from "../account/SessionContext.tsx";

export const FLAGGED_FAVORITES = 100;

export const MyFavoriteIds = graphql(`
  query MyFavoriteIds($first: Int!) {
    myFavorites(first: $first) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const AddFavorite = graphql(`
  mutation AddFavorite($listingId: ID!) {
    addFavorite(listingId: $listingId) {
      id
    }
  }
`);

const RemoveFavorite = graphql(`
  mutation RemoveFavorite($listingId: ID!) {
    removeFavorite(listingId: $listingId)
  }
`);

/** Both lists (the flags and the favorites page) are dropped; the queries on screen fetch them again. */
function forgetFavorites(cache: ApolloCache) {
  cache.evict({ id: "ROOT_QUERY", fieldName: "myFavorites" });
  cache.gc();
}

export async function saveFavorite(client: ApolloClient, listingId: string): Promise<void> {
  await client.mutate({ mutation: AddFavorite, variables: { listingId }, update: forgetFavorites });
}

export async function unsaveFavorite(client: ApolloClient, listingId: string): Promise<void> {
  await client.mutate({ mutation: RemoveFavorite, variables: { listingId }, update: forgetFavorites });
}

/** Whether the listing is a favorite and a toggle; `available` is false when signed out. */
export function useFavorite(listingId: string) {
  const client = useApolloClient();
  const { signedIn } = useSession();
  const { data } = useQuery(MyFavoriteIds, { variables: { first: FLAGGED_FAVORITES }, skip: !signedIn });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const saved = data?.myFavorites.edges.some((edge) => edge.node.id === listingId) ?? false;

  async function toggle() {
    setBusy(true);
    setFailed(false);
    try {
      await (saved ? unsaveFavorite(client, listingId) : saveFavorite(client, listingId));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return { available: signedIn, saved, busy, failed, toggle };
}
