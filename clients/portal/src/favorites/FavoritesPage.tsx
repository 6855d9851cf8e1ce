import { useQuery } from "@apollo/client/react";
import { ListingCard } from "../listings/ListingCard.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { FAVORITES_PAGE_SIZE, MyFavoritesQuery } from "./favorites-query.ts";

/** "Obľúbené": the signed-in user's saved listings that are still published, newest saved first. */
export function FavoritesPage() {
  const { t } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(MyFavoritesQuery, { variables: { first: FAVORITES_PAGE_SIZE } });
  const favorites = data?.myFavorites;
  return (
    <section className="favorites">
      <h1>{t.favorites.heading}</h1>
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {!favorites && loading && <p className="notice">{t.loading}</p>}
      {favorites && (
        <>
          {favorites.edges.length > 0 && <p className="result-count">{t.resultCount(favorites.totalCount)}</p>}
          {favorites.edges.length === 0 && <p className="notice">{t.favorites.none}</p>}
          <div className="results">
            {favorites.edges.map((edge) => (
              <ListingCard key={edge.node.id} listing={edge.node} />
            ))}
          </div>
          {favorites.pageInfo.hasNextPage && (
            <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: favorites.pageInfo.endCursor } })}>
              {loading ? t.loading : t.search.loadMore}
            </button>
          )}
        </>
      )}
    </section>
  );
}
