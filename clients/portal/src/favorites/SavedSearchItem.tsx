import { useState } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { searchFromSavedFilter, searchHref } from "../listings/search-params.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { deleteSavedSearch } from "./saved-searches.ts";

interface Props {
  saved: { id: string; name: string; filter: unknown; notify: boolean };
}

/** One saved search: its name links to the search page with its filters; a delete button. */
export function SavedSearchItem({ saved }: Props) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function remove() {
    setBusy(true);
    setFailed(false);
    // On success the row leaves the list (and this component unmounts).
    await deleteSavedSearch(client, saved.id).catch(() => {
      setFailed(true);
      setBusy(false);
    });
  }

  return (
    <li>
      <Link href={searchHref(searchFromSavedFilter(saved.filter))}>{saved.name}</Link>
      {saved.notify && <span className="badge">{t.savedSearches.notifying}</span>}
      <button type="button" className="secondary" disabled={busy} onClick={() => void remove()}>
        {t.savedSearches.remove}
      </button>
      {failed && (
        <span className="problem" role="alert">
          {t.savedSearches.failed.other}
        </span>
      )}
    </li>
  );
}
