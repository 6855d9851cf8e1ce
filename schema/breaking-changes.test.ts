// The breaking-change check: the committed graph against the released one, and a planted removal.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, print, visit, type FieldDefinitionNode } from "graphql";
import { expect, it } from "vitest";
import { unannouncedBreakingChanges } from "./breaking-changes.ts";

const dir = dirname(fileURLToPath(import.meta.url));
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const released = read("released/supergraph.graphql");
const current = read("supergraph.graphql");
const changelog = read("CHANGELOG.md");

/** The committed graph with the Listing type's fields changed (through the syntax tree: descriptions and directives may sit anywhere). */
const withListingFields = (change: (fields: readonly FieldDefinitionNode[]) => FieldDefinitionNode[]) =>
  print(
    visit(parse(current), { ObjectTypeDefinition: (type) => (type.name.value === "Listing" ? { ...type, fields: change(type.fields ?? []) } : undefined) }),
  );

it("finds no unannounced breaking change in the committed graph", () => {
  expect(unannouncedBreakingChanges(released, current, changelog)).toEqual([]);
});

it("fails on a removed field until the changelog announces it", () => {
  const withoutTitle = withListingFields((fields) => fields.filter((field) => field.name.value !== "title"));
  expect(withoutTitle).not.toBe(current);
  expect(unannouncedBreakingChanges(released, withoutTitle, changelog)).toEqual(["Listing.title was removed."]);
  expect(unannouncedBreakingChanges(released, withoutTitle, `${changelog}\n- Listing.title was removed. Read \`headline\`.\n`)).toEqual([]);
});

it("lets additions through", () => {
  const headline: FieldDefinitionNode = {
    kind: Kind.FIELD_DEFINITION,
    name: { kind: Kind.NAME, value: "headline" },
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "String" } },
  };
  const withNewField = withListingFields((fields) => [...fields, headline]);
  expect(withNewField).toContain("headline: String");
  expect(unannouncedBreakingChanges(released, withNewField, changelog)).toEqual([]);
});
