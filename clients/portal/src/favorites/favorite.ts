// The star on listings: the listing's own `savedByMe` flag (the signed-in portal user's) and the
// toggle that changes it. The flag is updated in the cache where the listing appears; the
// favorites page's list is dropped and fetched again.
import { useState } from "react";
import type { ApolloCache, ApolloClient } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { useSession } from "../account/SessionContext.tsx";

const AddFavorite = graphql(`
  mutation AddFavorite($listingId: ID!) {
    addFavorite(listingId: $listingId) {
      id
      savedByMe
    }
  }
`);

const RemoveFavorite = graphql(`
  mutation RemoveFavorite($listingId: ID!) {
    removeFavorite(listingId: $listingId)
  }
`);

function afterToggle(listingId: string, saved: boolean) {
  return (cache: ApolloCache) => {
    cache.modify({ id: cache.identify({ __typename: "Listing", id: listingId }), fields: { savedByMe: () => saved } });
    cache.evict({ id: "ROOT_QUERY", fieldName: "myFavorites" });
    cache.gc();
  };
}

export async function saveFavorite(client: ApolloClient, listingId: string): Promise<void> {
  await client.mutate({ mutation: AddFavorite, variables: { listingId }, update: afterToggle(listingId, true) });
}

export async function unsaveFavorite(client: ApolloClient, listingId: string): Promise<void> {
  await client.mutate({ mutation: RemoveFavorite, variables: { listingId }, update: afterToggle(listingId, false) });
}

/** A toggle for the listing whose `savedByMe` is `saved`; `available` is false when signed out. */
export function useFavorite(listingId: string, saved: boolean) {
  const client = useApolloClient();
  const { signedIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

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
  return { available: signedIn, busy, failed, toggle };
}
