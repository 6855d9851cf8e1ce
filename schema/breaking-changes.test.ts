// The breaking-change check: the committed graph against the released one, and a planted removal.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { unannouncedBreakingChanges } from "./breaking-changes.ts";

const dir = dirname(fileURLToPath(import.meta.url));
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const released = read("released/supergraph.graphql");
const current = read("supergraph.graphql");
const changelog = read("CHANGELOG.md");

it("finds no unannounced breaking change in the committed graph", () => {
  expect(unannouncedBreakingChanges(released, current, changelog)).toEqual([]);
});

it("fails on a removed field until the changelog announces it", () => {
  const withoutTitle = current.replace(/(type Listing\n[^{]*\{\n\s+id: ID!\n)\s+title: String!\n/, "$1");
  expect(withoutTitle).not.toBe(current);
  expect(unannouncedBreakingChanges(released, withoutTitle, changelog)).toEqual(["Listing.title was removed."]);
  expect(unannouncedBreakingChanges(released, withoutTitle, `${changelog}\n- Listing.title was removed. Read \`headline\`.\n`)).toEqual([]);
});

it("lets additions through", () => {
  const withNewField = current.replace(/(type Listing\n[^{]*\{\n\s+id: ID!\n)/, "$1  headline: String\n");
  expect(unannouncedBreakingChanges(released, withNewField, changelog)).toEqual([]);
});
