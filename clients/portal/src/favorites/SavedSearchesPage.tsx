import { useQuery } from "@apollo/client/react";
import { sk } from "../strings.ts";
import { MySavedSearchesQuery } from "./saved-searches.ts";
import { SavedSearchItem } from "./SavedSearchItem.tsx";

/** "Uložené hľadania": each saved search runs again with one click, or is deleted. */
export function SavedSearchesPage() {
  const { data, loading, error } = useQuery(MySavedSearchesQuery);
  const searches = data?.mySavedSearches;
  return (
    <section className="saved-searches">
      <h1>{sk.savedSearches.heading}</h1>
      {error && (
        <p className="problem" role="alert">
          {sk.loadFailed}
        </p>
      )}
      {!searches && loading && <p className="notice">{sk.loading}</p>}
      {searches?.length === 0 && <p className="notice">{sk.savedSearches.none}</p>}
      {searches && searches.length > 0 && (
        <ul className="item-list">
          {searches.map((saved) => (
            <SavedSearchItem key={saved.id} saved={saved} />
          ))}
        </ul>
      )}
    </section>
  );
}
