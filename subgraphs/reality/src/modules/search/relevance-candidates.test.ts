// RELEVANCE with a query on more matches than it ranks (RELEVANCE_CANDIDATES): the candidates are
// the newest matches, ranked by the words among themselves — the closest words among them first,
// an older listing with the same words never — and later pages keep the first page's candidates
// while a newer listing is published between pages. Twice: with the candidates all published in
// the last day and all a month old or older (a shortcut through recent matches must give both).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { RELEVANCE_CANDIDATES } from "../listings/index.ts";

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
const DAY = 86_400_000;
/** Far-apart matches beyond the candidates: the oldest of them are not ranked. */
const FAR = RELEVANCE_CANDIDATES + 5;

let stack: Stack;
let realtorId: string;

beforeAll(async () => {
  stack = await startStack();
  realtorId = (await createRealtor(stack.owner.prisma)).id;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe.each([
  { city: "Kandidov", newest: 60_000, apart: 60_000 },
  { city: "Starodov", newest: 30 * DAY, apart: 3_600_000 },
])("RELEVANCE over more matches than it ranks, published $newest ms ago and older", ({ city, newest, apart }) => {
  const filter = { query: `3-izbovy ${city}` };
  let freshClosest: string;
  let oldClosest: string;
  /** The far matches that are candidates: the newest RELEVANCE_CANDIDATES - 1 of them. */
  let farCandidates: string[];

  async function page(first: number, after: string | null = null) {
    const result = await stack.query(SEARCH, { filter, first, after });
    expect(result.errors).toBeUndefined();
    return result.data.searchListings as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
  }

  beforeAll(async () => {
    const db = stack.owner.prisma;
    const now = Date.now();
    // The room count in the title, the town only in the trailing city: far apart.
    await db.listing.createMany({
      data: Array.from({ length: FAR }, (_, i) => ({
        realtorId,
        propertyType: "APARTMENT" as const,
        transactionType: "SALE" as const,
        title: `3-izbový byt ${i}`,
        description: "Tichá lokalita, pivnica, výťah, parkovanie pred domom, blízko škola aj obchody.",
        street: "Hlavná",
        city,
        price: "100000",
        status: "ACTIVE" as const,
        energyClass: "B" as const,
        publishedAt: new Date(now - newest - (i + 1) * apart),
      })),
    });
    const far = await db.listing.findMany({ where: { city }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], select: { id: true } });
    farCandidates = far.slice(0, RELEVANCE_CANDIDATES - 1).map((l) => l.id);
    // Both words side by side: the best rank. One is the newest match, one older than every other.
    const closest = (publishedAt: Date) => insertListing(db, { realtorId, title: `3-izbový ${city}`, city, publishedAt });
    freshClosest = (await closest(new Date(now - newest))).id;
    oldClosest = (await closest(new Date(now - newest - 400 * DAY))).id;
  }, 120_000);

  it("ranks the newest matches by their words and leaves older ones out", async () => {
    const first = await page(5);
    expect(first.edges[0]!.node.id).toBe(freshClosest);
    expect(first.edges.map((e) => e.node.id)).not.toContain(oldClosest);
  });

  it("pages through exactly the first page's candidates while a newer listing is published", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let published: string | null = null;
    do {
      const next = await page(100, after);
      seen.push(...next.edges.map((e) => e.node.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      // A newer match after the first page: without the horizon it would push the oldest candidate out.
      published ??= (await insertListing(stack.owner.prisma, { realtorId, title: "3-izbový byt nový", city })).id;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(oldClosest);
    expect(seen.filter((id) => id !== published).sort()).toEqual([freshClosest, ...farCandidates].sort());
  });
});
