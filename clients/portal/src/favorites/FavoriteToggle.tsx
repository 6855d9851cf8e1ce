import { useI18n } from "../i18n/I18nContext.tsx";
import { useFavorite } from "./favorite.ts";

/** The star on a listing card and the listing detail; nothing for a visitor who is not signed in. */
export function FavoriteToggle({ listingId, saved }: { listingId: string; saved: boolean }) {
  const { t } = useI18n();
  const favorite = useFavorite(listingId, saved);
  if (!favorite.available) return null;
  return (
    <span className="favorite-toggle">
      <button
        type="button"
        className={saved ? "favorite saved" : "favorite"}
        aria-pressed={saved}
        aria-label={saved ? t.favorites.removeLabel : t.favorites.addLabel}
        disabled={favorite.busy}
        onClick={() => void favorite.toggle()}
      >
        {saved ? t.favorites.remove : t.favorites.add}
      </button>
      {favorite.failed && (
        <span className="problem" role="alert">
          {t.favorites.failed}
        </span>
      )}
    </span>
  );
}
