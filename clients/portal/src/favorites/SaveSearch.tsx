import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { useSession } from "../account/SessionContext.tsx";
import { describeRefusal, refusalOf, type Refusal } from "@ppt/client-shared";
import type { SearchForm } from "../listings/search-params.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { saveSearch } from "./saved-searches.ts";
import { searchName } from "./search-name.ts";

/** "Uložiť hľadanie" under the filters (signed-in users): a name, whether to be told of new listings. */
export function SaveSearch({ search }: { search: SearchForm }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const { signedIn } = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => searchName(search, t, format));
  const [notify, setNotify] = useState(true);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!signedIn) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await saveSearch(client, { name: name.trim(), search, notify });
      setSaved(true);
      setOpen(false);
      setRefusal(null);
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <p className="notice save-search" role="status">
        {t.savedSearches.saved} <Link href="/ulozene-hladania">{t.savedSearches.showList}</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <p className="save-search">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t.savedSearches.save}
        </button>
      </p>
    );
  }
  return (
    <form className="save-search" onSubmit={(event) => void submit(event)}>
      <label>
        {t.savedSearches.name}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={255} required />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
        {t.savedSearches.notify}
      </label>
      {refusal && (
        <p className="problem" role="alert">
          {describeRefusal(t, refusal, t.savedSearches.failed)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t.savedSearches.confirm}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t.savedSearches.cancel}
        </button>
      </div>
    </form>
  );
}
