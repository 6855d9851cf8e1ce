// Persisted documents (trusted documents): the web apps' operations are extracted at build by
// codegen into persisted-documents.json, { SHA-256 of the text → text }. The gateway serves those
// by id everywhere. In production an app that names itself a first-party client (the
// `apollographql-client-name` header) is served only those: an ad-hoc document, or one it
// registered through automatic persisted queries (APQ), is refused with OPERATION_NOT_PERSISTED.
// Partners' API clients (a token with a client id) may send any document, and use APQ.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import { graphqlRuntime, repoRoot, type Logger, type TokenVerifier } from "@ppt/server-kit/edge";
import type { GatewayContext } from "./app.ts";
import { claimsOf } from "./rate-limit/http-plugin.ts";

/**
 * Who must use persisted documents: nobody ("off", development), the first-party apps
 * ("first-party", production), or everyone but partners ("all", a gateway only the apps and
 * partners use: anonymous ad-hoc traffic refused as well).
 */
export type PersistedDocumentsMode = "off" | "first-party" | "all";

export interface PersistedDocumentsSettings {
  mode: PersistedDocumentsMode;
  /** The apps' `apollographql-client-name` values. */
  firstPartyClients: string[];
  /** The manifests codegen writes (absent files are skipped: a gateway without the apps' build knows no ids). */
  manifests: string[];
}

export const CLIENT_NAME_HEADER = "apollographql-client-name";
export const OPERATION_NOT_PERSISTED = "OPERATION_NOT_PERSISTED";

// "shared": the documents the apps send in common (@ppt/client-shared/operations), typed and hashed once.
export const DEFAULT_MANIFESTS = ["management", "portal", "shared"].map((app) =>
  join(repoRoot, "clients", app, "src", "generated", "persisted-documents.json"),
);

export function loadPersistedDocumentsSettings(env: NodeJS.ProcessEnv, production: boolean): PersistedDocumentsSettings {
  const mode = env.PERSISTED_DOCUMENTS || (production ? "first-party" : "off");
  if (mode !== "off" && mode !== "first-party" && mode !== "all")
    throw new Error('Invalid configuration: PERSISTED_DOCUMENTS must be "off", "first-party" or "all"');
  const list = (value: string | undefined) =>
    value
      ?.split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  return {
    mode,
    firstPartyClients: list(env.FIRST_PARTY_CLIENT_NAMES) ?? ["ppt-management", "ppt-portal"],
    manifests: list(env.PERSISTED_DOCUMENTS_MANIFESTS) ?? DEFAULT_MANIFESTS,
  };
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Every manifest's documents by id; an id whose text does not hash to it is a corrupt manifest. */
export function loadManifests(paths: string[]): Map<string, string> {
  const documents = new Map<string, string>();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const [id, text] of Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, string>)) {
      if (sha256Hex(text) !== id) throw new Error(`Persisted document ${id} in ${path} does not hash to its id`);
      documents.set(id, text);
    }
  }
  return documents;
}

/** Whether this caller may be refused an ad-hoc document (its client name binds it to the manifests). */
export function boundToManifests(settings: PersistedDocumentsSettings | undefined, clientName: string): boolean {
  if (!settings || settings.mode === "off") return false;
  return settings.mode === "all" || settings.firstPartyClients.includes(clientName);
}

interface PersistedQueryExtension {
  persistedQuery?: { sha256Hash?: unknown };
}

/** The manifest text a request's `persistedQuery` id names, if it names one. */
export function manifestText(documents: Map<string, string>, extensions: unknown): string | undefined {
  const id = (extensions as PersistedQueryExtension | undefined)?.persistedQuery?.sha256Hash;
  return typeof id === "string" ? documents.get(id) : undefined;
}

export function persistedDocumentsPlugin(
  settings: PersistedDocumentsSettings,
  documents: Map<string, string>,
  deps: { verifier: TokenVerifier; logger: Logger },
): ApolloServerPlugin<GatewayContext> {
  deps.logger.info({ documents: documents.size, mode: settings.mode }, "persisted documents loaded");
  return {
    async requestDidStart({ request }) {
      // A known id is served its manifest text, whatever text came along: Apollo's APQ step then
      // finds text and id in agreement.
      request.query = manifestText(documents, request.extensions) ?? request.query;
      if (settings.mode === "off") return;
      const bound = boundToManifests(settings, request.http?.headers.get(CLIENT_NAME_HEADER) ?? "");
      return {
        // After parsing, before APQ registers the text and before any subgraph is asked.
        async didResolveOperation({ queryHash, contextValue }) {
          if (!bound || documents.has(queryHash)) return;
          // Partners' API clients may send anything: the token is verified, not trusted.
          if ((await claimsOf(contextValue.headers.authorization, deps.verifier))?.client_id) return;
          throw new graphqlRuntime.GraphQLError("This client may only send the operations it was built with", {
            extensions: { code: OPERATION_NOT_PERSISTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
