// Persisted documents: the apps send an operation's id (the SHA-256 of its text in the app's
// generated persisted-documents.json) instead of its text, with their name as Apollo's client
// name. The gateway in production serves first-party apps only documents it knows by id; in
// development it knows them too and learns any other through automatic persisted queries.
import { ApolloLink } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { getOperationAST, print, type DocumentNode } from "graphql";

/** Names the gateway knows as first-party apps (the `apollographql-client-name` header). */
export const FIRST_PARTY_CLIENTS = { management: "ppt-management", portal: "ppt-portal" } as const;
export type FirstPartyClient = (typeof FIRST_PARTY_CLIENTS)[keyof typeof FIRST_PARTY_CLIENTS];

export const CLIENT_NAME_HEADER = "apollographql-client-name";

/** The id codegen gave a document (embedded in the generated document node). */
export function persistedHash(document: DocumentNode): string | undefined {
  return (document as { __meta__?: { hash?: unknown } }).__meta__?.hash as string | undefined;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Sends every query and mutation by id. A document without a generated id (none in the apps) is
 * hashed as it is sent, which only a gateway accepting automatic persisted queries serves.
 */
export function persistedDocumentsLink(): ApolloLink {
  return new PersistedQueryLink({
    generateHash: (document) => persistedHash(document) ?? sha256Hex(print(document)),
    // Keep sending ids after a refusal: only a gateway without persisted queries makes the ids useless.
    disable: ({ meta }) => meta.persistedQueryNotSupported,
  });
}

/** The body of a request sent outside Apollo's link chain (the token renewal): the id, not the text. */
export function persistedRequestBody(document: DocumentNode, variables: Record<string, unknown>): string {
  const hash = persistedHash(document);
  const operationName = getOperationAST(document)?.name?.value;
  if (!hash) return JSON.stringify({ operationName, query: print(document), variables });
  return JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
}
