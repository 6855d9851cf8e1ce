// For the apps' i18n tests: the GraphQL enums an app shows, with their values, so each test can
// hold its dictionaries' labels against the schema (a new enum value without a label fails it).
// Takes the files' text (the tests read them) so the package stays free of Node's APIs.
import { Kind, parse } from "graphql";

export interface AppEnums {
  /** The supergraph's enums by name, with their values (the schema is the source of truth, not the generated types). */
  schemaEnums: Map<string, string[]>;
  /** Every enum of the schema the app's operations use: its generated types declare each one as `export type Name =`. */
  appEnums: string[];
}

export function appEnums(supergraphSdl: string, generatedTypes: string): AppEnums {
  const schemaEnums = new Map(
    parse(supergraphSdl)
      .definitions.filter((d) => d.kind === Kind.ENUM_TYPE_DEFINITION)
      .map((d) => [d.name.value, (d.values ?? []).map((v) => v.name.value)]),
  );
  const used = [...generatedTypes.matchAll(/^export type (\w+) =$/gm)].map((m) => m[1]!).filter((name) => schemaEnums.has(name));
  return { schemaEnums, appEnums: used };
}
