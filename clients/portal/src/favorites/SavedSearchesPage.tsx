import { useQuery } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { MySavedSearchesQuery } from "./saved-searches.ts";
import { SavedSearchItem } from "./SavedSearchItem.tsx";

/** "Uložené hľadania": each saved search runs again with one click, or is deleted. */
export function SavedSearchesPage() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(MySavedSearchesQuery);
  const searches = data?.mySavedSearches;
  return (
    <section className="saved-searches">
      <h1>{t.savedSearches.heading}</h1>
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {!searches && loading && <p className="notice">{t.loading}</p>}
      {searches?.length === 0 && <p className="notice">{t.savedSearches.none}</p>}
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
