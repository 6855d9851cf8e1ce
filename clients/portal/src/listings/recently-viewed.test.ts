// The recently viewed list over a real Storage-shaped map: newest first, each listing once, at
// most ten, and stored text that is not ours (or points off the site) read as nothing.
import { describe, expect, it } from "vitest";
import { MAX_RECENTLY_VIEWED, RECENTLY_VIEWED_KEY, recentlyViewed, rememberViewed } from "./recently-viewed.ts";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const listing = (n: number) => ({ id: `id-${n}`, title: `Byt ${n}`, city: "Košice", path: `/byty/predaj/kosice/byt-${n}` });

describe("recently viewed listings", () => {
  it("keeps the last ten, newest first, each once", () => {
    const storage = memoryStorage();
    for (let n = 1; n <= 12; n++) rememberViewed(storage, listing(n));
    // What is stored stays small too, not only what is read.
    expect(JSON.parse(storage.getItem(RECENTLY_VIEWED_KEY)!)).toHaveLength(MAX_RECENTLY_VIEWED);
    rememberViewed(storage, listing(5));
    const ids = recentlyViewed(storage).map((entry) => entry.id);
    expect(ids).toHaveLength(MAX_RECENTLY_VIEWED);
    expect(ids).toEqual(["id-5", "id-12", "id-11", "id-10", "id-9", "id-8", "id-7", "id-6", "id-4", "id-3"]);
  });

  it("reads broken or foreign stored text as nothing, and never a path off the site", () => {
    const storage = memoryStorage();
    storage.setItem(RECENTLY_VIEWED_KEY, "{not json");
    expect(recentlyViewed(storage)).toEqual([]);
    storage.setItem(
      RECENTLY_VIEWED_KEY,
      JSON.stringify([{ ...listing(1), path: "//evil.example/x" }, { ...listing(2), path: "https://evil.example" }, listing(3)]),
    );
    expect(recentlyViewed(storage).map((entry) => entry.id)).toEqual(["id-3"]);
  });
});
