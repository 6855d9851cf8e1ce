import { sk } from "../strings.ts";
import { useFavorite } from "./favorite.ts";

/** The star on a listing card and the listing detail; nothing for a visitor who is not signed in. */
export function FavoriteToggle({ listingId, saved }: { listingId: string; saved: boolean }) {
  const favorite = useFavorite(listingId, saved);
  if (!favorite.available) return null;
  return (
    <span className="favorite-toggle">
      <button
        type="button"
        className={saved ? "favorite saved" : "favorite"}
        aria-pressed={saved}
        aria-label={saved ? sk.favorites.removeLabel : sk.favorites.addLabel}
        disabled={favorite.busy}
        onClick={() => void favorite.toggle()}
      >
        {saved ? sk.favorites.remove : sk.favorites.add}
      </button>
      {favorite.failed && (
        <span className="problem" role="alert">
          {sk.favorites.failed}
        </span>
      )}
    </span>
  );
}
