import { useEffect, useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { attempt } from "@ppt/client-shared";
import { FormActions } from "../FormActions.tsx";
import { getFragmentData } from "../generated/index.ts";
import type { ImportRunFieldsFragment } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { ImportFeed, ImportRunFields, ImportRuns } from "./operations.ts";

/** While a run is in progress (this one, or one started elsewhere), the history is asked again this often. */
const POLL_MS = 2_000;

/**
 * An agency admin's feed import: a feed file (feed.xsd) sent to importListingFeed, the run's
 * progress and outcome (created, updated, unchanged, archived, failed, each refused item's error)
 * and the agency's earlier runs. A full feed that would archive many listings asks to be confirmed.
 */
export function FeedImportPage({ agencies }: { agencies: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [full, setFull] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const { problem, setProblem, busy, run } = useSubmit((m) => m.console.import.refused);
  const [needsConfirmation, setNeedsConfirmation] = useState(false);
  const history = useQuery(ImportRuns, { variables: { agencyId }, skip: !agencyId });
  const runs = history.data?.importRuns.edges.map((e) => getFragmentData(ImportRunFields, e.node)) ?? [];
  const inProgress = busy || runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  // Progress of runs not started here: the history follows them until they end.
  const follow = inProgress && !busy;
  const { startPolling, stopPolling } = history;
  useEffect(() => (follow ? startPolling(POLL_MS) : stopPolling()), [follow, startPolling, stopPolling]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setProblem(t.console.import.noFile);
    const xml = await file.text();
    const ok = await run(() =>
      attempt(() =>
        client.mutate({
          mutation: ImportFeed,
          variables: { agencyId, xml, full, confirmArchive },
          refetchQueries: [{ query: ImportRuns, variables: { agencyId } }],
          awaitRefetchQueries: true,
        }),
      ),
    );
    setNeedsConfirmation(!ok);
  }

  if (agencies.length === 0) return <p className="notice">{t.console.import.adminsOnly}</p>;
  return (
    <section className="feed-import">
      <h2>{t.console.nav.import}</h2>
      <form onSubmit={(event) => void submit(event)}>
        {agencies.length > 1 && (
          <label>
            {t.console.editor.agency}
            <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t.console.import.file}
          <input type="file" accept=".xml,application/xml,text/xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> {t.console.import.full}
        </label>
        {needsConfirmation && full && (
          <label className="checkbox">
            <input type="checkbox" checked={confirmArchive} onChange={(e) => setConfirmArchive(e.target.checked)} /> {t.console.import.confirmArchive}
          </label>
        )}
        {busy && (
          <p className="notice" role="status">
            <progress /> {t.console.import.running}
          </p>
        )}
        <FormActions problem={problem} busy={busy} submit={t.console.import.submit} />
      </form>
      <h3>{t.console.import.history}</h3>
      {runs.length === 0 && <p className="notice">{t.console.import.none}</p>}
      <ul className="item-list import-runs">
        {runs.map((r) => (
          <ImportRunItem key={r.id} run={r} />
        ))}
      </ul>
    </section>
  );
}

function ImportRunItem({ run: r }: { run: ImportRunFieldsFragment }) {
  const { t, format } = useI18n();
  return (
    <li className={`import-run status-${r.status.toLowerCase()}`}>
      <p>
        <strong>{t.importStatus[r.status]}</strong> {format.dateTime(r.startedAt)}
        {r.fullFeed ? ` · ${t.console.import.fullShort}` : ""}
      </p>
      <p>{t.console.import.counts(r)}</p>
      {r.errors.length > 0 && (
        <ul className="import-errors">
          {r.errors.map((e) => (
            <li key={`${e.index}-${e.code}`}>
              {e.index < 0 ? t.console.import.wholeFeed : t.console.import.item(e.index + 1, e.externalId)}: {e.code} — {e.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
