// npm run schema:breaking: compares the public graph (the API schema of schema/supergraph.graphql)
// with the last released one (schema/released/supergraph.graphql) and fails on a breaking change
// (graphql's findBreakingChanges: a removed type or field, a changed type, a new required
// argument, …) that schema/CHANGELOG.md does not announce. A change is announced when the
// changelog quotes its description, as this check prints it, e.g. "- Query.example was removed."
// On a release, copy schema/supergraph.graphql to schema/released/.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLSchema } from "graphql";

// Federation's schema is built by graphql's CommonJS build: compare it with that build's functions.
const { findBreakingChanges } = createRequire(import.meta.url)("graphql") as typeof import("graphql");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** What clients see: the supergraph without its federation machinery (join__ types and directives). */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The breaking changes from `released` to `current` that `changelog` does not mention. */
export function unannouncedBreakingChanges(released: string, current: string, changelog: string): string[] {
  return findBreakingChanges(apiSchema(released), apiSchema(current))
    .map((change) => change.description)
    .filter((description) => !changelog.includes(description));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const read = (path: string) => readFileSync(join(root, path), "utf8");
  const unannounced = unannouncedBreakingChanges(read("schema/released/supergraph.graphql"), read("schema/supergraph.graphql"), read("schema/CHANGELOG.md"));
  if (unannounced.length > 0) {
    console.error(
      `Breaking changes against the released graph, not announced in schema/CHANGELOG.md:\n${unannounced.map((d) => `- ${d}`).join("\n")}\n` +
        "Keep the old field or type (deprecate it), or announce each line above in the changelog.",
    );
    process.exit(1);
  }
  console.log("No unannounced breaking change against schema/released/supergraph.graphql");
}
