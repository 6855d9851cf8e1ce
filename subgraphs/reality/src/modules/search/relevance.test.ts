// RELEVANCE with a query on a small dataset: featured listings first, then the listings where the
// words stand closest together (ts_rank_cd), ties by id (newest-looking first); pages across the
// featured/other boundary repeat and skip nothing. Pins the order any faster ranking must keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

const SEARCH = /* GraphQL */ `
  query ($filter: ListingFilter, $first: Int, $after: String) {
    searchListings(filter: $filter, sort: RELEVANCE, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
        }
      }
    }
  }
`;
const FILTER = { query: "3-izbovy relevov" };
const FILLER = "Tichá lokalita, pivnica, výťah, parkovanie pred domom, blízko škola aj obchody.";

let stack: Stack;
let expected: string[];
let unmatched: string;

async function page(first: number, after: string | null = null) {
  const result = await stack.query(SEARCH, { filter: FILTER, first, after });
  expect(result.errors).toBeUndefined();
  return result.data.searchListings as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtorId = (await createRealtor(db)).id;
  const add = async (title: string, description: string, isFeatured = false) =>
    (await insertListing(db, { realtorId, title, description, city: "Relevov", isFeatured })).id;
  // Both words side by side in the title (twice: a tie, settled by id), then far apart (the
  // town only in the trailing city), the same far one featured, and one without the room count.
  const near = [await add("3-izbový Relevov", FILLER), await add("3-izbový Relevov", FILLER)].sort().reverse();
  const far = await add("3-izbový byt", `${FILLER} ${FILLER}`);
  const featuredFar = await add("3-izbový byt", `${FILLER} ${FILLER}`, true);
  unmatched = await add("2-izbový Relevov", FILLER);
  expected = [featuredFar, ...near, far];
});

afterAll(async () => {
  await stack?.stop();
});

describe("RELEVANCE with a query", () => {
  it("puts featured first, then the closest words, then the greater id among equals", async () => {
    const all = await page(20);
    expect(all.edges.map((e) => e.node.id)).toEqual(expected);
    expect(all.edges.map((e) => e.node.id)).not.toContain(unmatched);
  });

  it("pages through featured and the rest without repeating or skipping", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const next = await page(1, after);
      seen.push(...next.edges.map((e) => e.node.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });
});
