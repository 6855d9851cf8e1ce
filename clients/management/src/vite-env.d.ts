// The build-time variables the app reads (Vite exposes only VITE_* ones); typed so a misspelt name is caught.
interface ImportMetaEnv {
  /** The gateway's GraphQL endpoint; "/graphql" (same origin) when unset. */
  readonly VITE_GRAPHQL_URL?: string;
}
