import { sk } from "../strings.ts";
import { useFavorite } from "./favorite-ids.ts";

/** The star on a listing card and the listing detail; nothing for a visitor who is not signed in. */
export function FavoriteToggle({ listingId }: { listingId: string }) {
  const favorite = useFavorite(listingId);
  if (!favorite.available) return null;
  return (
    <span className="favorite-toggle">
      <button
        type="button"
        className={favorite.saved ? "favorite saved" : "favorite"}
        aria-pressed={favorite.saved}
        aria-label={favorite.saved ? sk.favorites.removeLabel : sk.favorites.addLabel}
        disabled={favorite.busy}
        onClick={() => void favorite.toggle()}
      >
        {favorite.saved ? sk.favorites.remove : sk.favorites.add}
      </button>
      {favorite.failed && (
        <span className="problem" role="alert">
          {sk.favorites.failed}
        </span>
      )}
    </span>
  );
}
