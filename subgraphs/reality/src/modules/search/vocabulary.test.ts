// Search finds Slovak listing vocabulary however it is written: room counts ("3 izbový",
// "3izb.", "trojizbový", "3i"), one-room flats ("garsónka" ≈ "1-izbový"), family houses
// ("RD" ≈ "rodinný dom"), through the gateway against real PostgreSQL; and the index function
// the migration installs is exactly the one the query side's rule table generates.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { foldText, normalizeIndexText, searchVocabularyFunctionSql } from "../listings/index.ts";

let stack: Stack;
const ids: Record<string, string> = {};

const TITLES = {
  threeHyphen: "3-izbový byt, Nitra",
  threeSpace: "Predaj 3 izbový byt po rekonštrukcii",
  threeJoined: "Tehlový 3izbový byt",
  threeWord: "Trojizbový byt s balkónom",
  threeAbbreviated: "Byt 3izb., Žilina",
  threeShort: "3i byt Ružinov",
  threeEnglish: "3-room flat in the Old Town",
  threeFeminine: "Predám 3-izbovú mezonetovú jednotku",
  two: "2-izbový byt, Sever",
  thirteen: "13-izbový penzión",
  four: "Štvorizbový byt s terasou",
  one: "1-izbový byt pri parku",
  garsonka: "Garsónka v centre",
  garzonka: "Útulná garzónka, Petržalka",
  rd: "RD Pezinok so záhradou",
  familyHouse: "Rodinný dom so záhradou",
  cottage: "Chata pri jazere",
} as const;
type Key = keyof typeof TITLES;

const THREE: Key[] = ["threeHyphen", "threeSpace", "threeJoined", "threeWord", "threeAbbreviated", "threeShort", "threeEnglish", "threeFeminine"];
const ONE: Key[] = ["one", "garsonka", "garzonka"];
const HOUSES: Key[] = ["rd", "familyHouse"];

const CASES: [query: string, expected: Key[]][] = [
  ["3-izbovy", THREE],
  ["3 izbový", THREE],
  ["3izbovy", THREE],
  ["3 - izbový", THREE],
  ["3-izbová", THREE],
  ["trojizbový", THREE],
  ["troizbovy", THREE],
  ["3izb.", THREE],
  ["3-izb", THREE],
  ["3i", THREE],
  ["3-room", THREE],
  ["3 rooms", THREE],
  ["3 izbový byt", THREE.filter((k) => k !== "threeEnglish" && k !== "threeFeminine")],
  ["2 izbový", ["two"]],
  ["dvojizbový", ["two"]],
  ["13 izbový", ["thirteen"]],
  ["4-izbový", ["four"]],
  ["štvorizbový", ["four"]],
  ["5 izbový", []],
  ["izbový", [...THREE, "two", "thirteen", "four", ...ONE]],
  ["izbova", [...THREE, "two", "thirteen", "four", ...ONE]],
  ["garsónka", ONE],
  ["garzonka", ONE],
  ["garsoniéra", ONE],
  ["1-izbový", ONE],
  ["jednoizbový", ONE],
  ["1i", ONE],
  ["garso", ["garsonka"]],
  ["rodinný dom", HOUSES],
  ["RD", HOUSES],
  ["rodinneho domu", HOUSES],
  ["dom", HOUSES],
  ["chata", ["cottage"]],
];

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtorId = (await createRealtor(db)).id;
  for (const [key, title] of Object.entries(TITLES)) ids[key] = (await insertListing(db, { realtorId, title, city: "Mestečko" })).id;
});

afterAll(() => stack?.stop());

describe("search vocabulary", () => {
  it.each(CASES)("%j finds exactly what it means", async (query, expected) => {
    const result = await stack.query(`query ($filter: ListingFilter) { searchListings(filter: $filter, first: 100) { edges { node { id } } } }`, {
      filter: { query },
    });
    expect(result.errors).toBeUndefined();
    const found = (result.data.searchListings as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
    const names = Object.entries(ids)
      .filter(([, id]) => found.includes(id))
      .map(([key]) => key)
      .sort();
    expect(names).toEqual([...expected].sort());
  });

  it("installs the index function the rule table generates (migration 20261203160000_search_vocabulary)", () => {
    const migration = readFileSync(new URL("../../../../../prisma/migrations/20261203160000_search_vocabulary/migration.sql", import.meta.url), "utf8");
    expect(migration).toContain(searchVocabularyFunctionSql());
  });

  it("normalizes in SQL exactly as in TypeScript", async () => {
    const texts = [...Object.values(TITLES), ...CASES.map(([query]) => query), "123 izbovy", "a3i 3ia x-3i 3i-x", "rd-x x-rd rdx", "3 i 4i, 5-izb.;6izbak"];
    for (const text of texts) {
      const folded = foldText(text);
      const [row] = await stack.owner.prisma.$queryRaw<
        { normalized: string }[]
      >`SELECT reality.search_vocabulary(platform.immutable_unaccent(lower(${text}))) AS normalized`;
      expect({ text, normalized: row!.normalized }).toEqual({ text, normalized: normalizeIndexText(folded) });
    }
  });
});
