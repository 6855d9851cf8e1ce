import { useQuery } from "@apollo/client/react";
import { ListingCard } from "../listings/ListingCard.tsx";
import { sk } from "../strings.ts";
import { FAVORITES_PAGE_SIZE, MyFavoritesQuery } from "./favorites-query.ts";

/** "Obľúbené": the signed-in user's saved listings that are still published, newest saved first. */
export function FavoritesPage() {
  const { data, loading, error, fetchMore } = useQuery(MyFavoritesQuery, { variables: { first: FAVORITES_PAGE_SIZE } });
  const favorites = data?.myFavorites;
  return (
    <section className="favorites">
      <h1>{sk.favorites.heading}</h1>
      {error && (
        <p className="problem" role="alert">
          {sk.loadFailed}
        </p>
      )}
      {!favorites && loading && <p className="notice">{sk.loading}</p>}
      {favorites && (
        <>
          {favorites.edges.length > 0 && <p className="result-count">{sk.resultCount(favorites.totalCount)}</p>}
          {favorites.edges.length === 0 && <p className="notice">{sk.favorites.none}</p>}
          <div className="results">
            {favorites.edges.map((edge) => (
              <ListingCard key={edge.node.id} listing={edge.node} />
            ))}
          </div>
          {favorites.pageInfo.hasNextPage && (
            <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: favorites.pageInfo.endCursor } })}>
              {loading ? sk.loading : sk.search.loadMore}
            </button>
          )}
        </>
      )}
    </section>
  );
}
