import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { useSession } from "../account/SessionContext.tsx";
import { errorCode, messageFor } from "../errors.ts";
import type { SearchForm } from "../listings/search-params.ts";
import { sk } from "../strings.ts";
import { saveSearch } from "./saved-searches.ts";
import { searchName } from "./search-name.ts";

/** "Uložiť hľadanie" under the filters (signed-in users): a name, whether to be told of new listings. */
export function SaveSearch({ search }: { search: SearchForm }) {
  const client = useApolloClient();
  const { signedIn } = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => searchName(search));
  const [notify, setNotify] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
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
      setProblem(null);
    } catch (error) {
      setProblem(messageFor(sk.savedSearches.failed, errorCode(error)));
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <p className="notice save-search" role="status">
        {sk.savedSearches.saved} <Link href="/ulozene-hladania">{sk.savedSearches.showList}</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <p className="save-search">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {sk.savedSearches.save}
        </button>
      </p>
    );
  }
  return (
    <form className="save-search" onSubmit={(event) => void submit(event)}>
      <label>
        {sk.savedSearches.name}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={255} required />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
        {sk.savedSearches.notify}
      </label>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {sk.savedSearches.confirm}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {sk.savedSearches.cancel}
        </button>
      </div>
    </form>
  );
}
