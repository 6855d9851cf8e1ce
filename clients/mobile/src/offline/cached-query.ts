// A query read offline-first: what the device saved is shown at once and kept on screen when the
// network fails (Apollo drops a result's data on a network error, so the saved answer is read
// back from the cache then), with how old it is; online, it is refreshed from the server.
import { NetworkStatus, type OperationVariables, type TypedDocumentNode } from "@apollo/client";
import { Kind, type OperationDefinitionNode } from "graphql";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { useApp, useDataAge } from "../AppContext.tsx";

function nameOf(query: TypedDocumentNode<unknown, never>): string {
  const operation = query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.name?.value ?? "query";
}

export function useCachedQuery<TData, TVariables extends OperationVariables>(query: TypedDocumentNode<TData, TVariables>, variables?: TVariables) {
  const { online } = useApp();
  const client = useApolloClient();
  const result = useQuery(query as TypedDocumentNode<TData, OperationVariables>, {
    variables,
    fetchPolicy: online ? "cache-and-network" : "cache-only",
    errorPolicy: "all",
  });
  const fresh = online && result.networkStatus === NetworkStatus.ready && !result.error && result.dataState === "complete";
  const age = useDataAge(nameOf(query), fresh);
  const data = result.data ?? client.readQuery<TData, OperationVariables>({ query, variables }) ?? undefined;
  return { data, age, loading: result.loading };
}
