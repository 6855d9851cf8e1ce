// Saved searches of the signed-in user: save the search on screen, list them, delete one.
import type { ApolloClient } from "@apollo/client";
import { graphql } from "../generated/gql.ts";
import { filterFromSearch, type SearchForm } from "../listings/search-params.ts";

export const MySavedSearchesQuery = graphql(`
  query MySavedSearches {
    mySavedSearches {
      id
      name
      filter
      notify
      frequency
      createdAt
    }
  }
`);

const SaveSearchMutation = graphql(`
  mutation SaveSearch($input: SavedSearchInput!) {
    saveSearch(input: $input) {
      id
      name
    }
  }
`);

const DeleteSavedSearch = graphql(`
  mutation DeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id)
  }
`);

export async function saveSearch(client: ApolloClient, input: { name: string; search: SearchForm; notify: boolean }): Promise<void> {
  await client.mutate({
    mutation: SaveSearchMutation,
    variables: { input: { name: input.name, filter: filterFromSearch(input.search), notify: input.notify } },
    // The list is fetched again the next time it is shown.
    update: (cache) => void cache.evict({ id: "ROOT_QUERY", fieldName: "mySavedSearches" }),
  });
}

export async function deleteSavedSearch(client: ApolloClient, id: string): Promise<void> {
  await client.mutate({
    mutation: DeleteSavedSearch,
    variables: { id },
    // Lists drop references to an evicted object, so the row disappears at once.
    update: (cache) => {
      cache.evict({ id: cache.identify({ __typename: "SavedSearch", id }) });
      cache.gc();
    },
  });
}
