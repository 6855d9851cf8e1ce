// The listings a visitor opened last, kept only in their browser (localStorage): no account, no
// server state. Each entry keeps what a small card shows, so the list needs no request to show.

export const RECENTLY_VIEWED_KEY = "ppt.recentlyViewed";
export const MAX_RECENTLY_VIEWED = 10;

export interface ViewedListing {
  id: string;
  title: string;
  city: string;
  /** The listing's path without the language prefix. */
  path: string;
}

type KeyValueStorage = Pick<globalThis.Storage, "getItem" | "setItem">;

/** Newest first; anything unreadable (another version's format, a visitor's edits) reads as empty. */
export function recentlyViewed(storage: KeyValueStorage): ViewedListing[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENTLY_VIEWED_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isViewedListing).slice(0, MAX_RECENTLY_VIEWED);
  } catch {
    return [];
  }
}

/** Puts the listing first (once), keeping the last MAX_RECENTLY_VIEWED. */
export function rememberViewed(storage: KeyValueStorage, listing: ViewedListing): void {
  const list = [listing, ...recentlyViewed(storage).filter((entry) => entry.id !== listing.id)].slice(0, MAX_RECENTLY_VIEWED);
  try {
    storage.setItem(RECENTLY_VIEWED_KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): the list is a convenience, the page goes on.
  }
}

/** Only a same-site path ("//host" would leave the portal): stored text is the visitor's to edit. */
function isViewedListing(value: unknown): value is ViewedListing {
  const v = value as Partial<ViewedListing> | null;
  return typeof v?.id === "string" && typeof v.title === "string" && typeof v.city === "string" && typeof v.path === "string" && /^\/(?![/\\])/.test(v.path);
}
