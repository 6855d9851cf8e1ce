import { useEffect, useState } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { attempt, describeRefusal } from "@ppt/client-shared";
import type { ListingStatus, MyListingsQuery } from "../generated/graphql.ts";
import { parsePriceInput } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { changedByPercent, samePrice } from "./bulk-prices.ts";
import { BulkUpdate, ConsoleMe, MyListings } from "./operations.ts";
import { StatusSelect } from "./StatusSelect.tsx";

type Row = MyListingsQuery["myListings"]["edges"][number]["node"];
interface Edit {
  /** The new price as typed (empty: unchanged). */
  price: string;
  status: ListingStatus | "";
  /** The new agent's realtor id (empty: unchanged). */
  realtorId: string;
}
interface ItemResult {
  ok: boolean;
  code: string | null;
  message: string | null;
}

/** " — Cena" for an item refused for its price: the field its (English) message names first ("price: …"). */
function fieldLabel(labels: Partial<Record<string, string>>, message: string | null): string {
  const field = /^(\w+):/.exec(message ?? "")?.[1];
  const label = field ? labels[field] : undefined;
  return label ? ` — ${label}` : "";
}

/** Every listing the realtor edits, a page of 100 at a time (the API's page limit). */
async function loadAll(client: ReturnType<typeof useApolloClient>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  do {
    const page: MyListingsQuery = (await client.query({ query: MyListings, variables: { first: 100, after }, fetchPolicy: "network-only" })).data!;
    rows.push(...page.myListings.edges.map((e) => e.node));
    after = page.myListings.pageInfo.hasNextPage ? page.myListings.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

type Agent = { id: string; displayName: string };

/**
 * The bulk edit: select listings, give them new prices (each row's own, or the selection changed
 * by a percentage), a status and a new agent (in agencies the user owns or administers: a realtor
 * of the listing's own agency, the API's rule), preview what will change, apply it with one bulkUpdateListings,
 * and see each row's outcome: the API applies every valid patch and refuses each invalid one on
 * its own, so a row's error stands next to it.
 */
export function BulkEditPage() {
  const { t, format, locale } = useI18n();
  const client = useApolloClient();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [percent, setPercent] = useState("");
  const [status, setStatus] = useState<ListingStatus | "">("");
  const [results, setResults] = useState<Record<string, ItemResult>>({});
  const [summary, setSummary] = useState<{ applied: number; failed: number } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const { problem, setProblem, busy, run } = useSubmit((m) => m.console.bulk.refused);
  // Whom each agency's listings may pass to: its realtors, for the agencies the user manages.
  const me = useQuery(ConsoleMe).data?.myRealtorProfile;
  const agentsOf = new Map<string, Agent[]>(
    (me?.agencies ?? []).filter((m) => m.role !== "REALTOR").map((m) => [m.agency.id, m.agency.realtors.map((r) => r.realtor)]),
  );

  const reload = () =>
    void loadAll(client)
      .then(setRows)
      .catch(() => setProblem(t.loadFailed));
  // Loaded when the page opens (and again after an edit is applied).
  useEffect(reload, []);

  if (!rows) return <p className="notice">{problem ?? t.loading}</p>;

  const edit = (id: string): Edit => edits[id] ?? { price: "", status: "", realtorId: "" };
  const agents = (row: Row): Agent[] => (row.agency ? (agentsOf.get(row.agency.id) ?? []) : []);
  const agentName = (row: Row, id: string) => agents(row).find((a) => a.id === id)?.displayName ?? id;
  const setEdit = (id: string, change: Partial<Edit>) => setEdits({ ...edits, [id]: { ...edit(id), ...change } });
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allSelected = rows.length > 0 && selected.size === rows.length;

  /** The patch of a selected row (null: nothing to change), or "invalid" when its price is not an amount. */
  function patchOf(row: Row): { id: string; price?: string; status?: ListingStatus; realtorId?: string } | "invalid" | null {
    const { price: typed, status: newStatus, realtorId } = edit(row.id);
    const price = typed.trim() ? parsePriceInput(typed, locale) : null;
    if (typed.trim() && !price) return "invalid";
    const patch = {
      id: row.id,
      ...(price && !samePrice(price, row.price.amount) ? { price } : {}),
      ...(newStatus && newStatus !== row.status ? { status: newStatus } : {}),
      ...(realtorId && realtorId !== row.realtor?.id ? { realtorId } : {}),
    };
    return Object.keys(patch).length > 1 ? patch : null;
  }
  const chosen = rows.filter((row) => selected.has(row.id));
  const patches = chosen.map((row) => ({ row, patch: patchOf(row) }));
  const invalid = patches.filter((p) => p.patch === "invalid").length;
  const ready = patches.flatMap((p) => (p.patch && p.patch !== "invalid" ? [p.patch] : []));

  function fillPercent() {
    const value = Number(percent.replace(",", "."));
    if (!percent.trim() || !Number.isFinite(value)) return setProblem(t.console.bulk.invalidPercent);
    setProblem(null);
    const next = { ...edits };
    for (const row of chosen) next[row.id] = { ...edit(row.id), price: changedByPercent(row.price.amount, value) ?? "" };
    setEdits(next);
  }
  function fillStatus() {
    const next = { ...edits };
    for (const row of chosen) next[row.id] = { ...edit(row.id), status };
    setEdits(next);
  }
  async function apply() {
    let outcome: Record<string, ItemResult> = {};
    const ok = await run(() =>
      attempt(async () => {
        const answer = (await client.mutate({ mutation: BulkUpdate, variables: { input: ready } })).data!.bulkUpdateListings;
        outcome = Object.fromEntries(answer.results.map((r) => [ready[r.index]!.id, { ok: r.ok, code: r.code, message: r.message }]));
        setSummary({ applied: answer.applied, failed: answer.failed });
      }),
    );
    if (!ok) return;
    setResults(outcome);
    setPreviewing(false);
    // The applied rows' new values replace the typed ones; refused rows keep theirs to be corrected.
    setEdits(Object.fromEntries(Object.entries(edits).filter(([id]) => outcome[id] && !outcome[id].ok)));
    client.cache.evict({ id: "ROOT_QUERY", fieldName: "myListings" });
    reload();
  }

  return (
    <section className="bulk-edit">
      <h2>{t.console.nav.bulk}</h2>
      <p className="notice">{t.console.bulk.help}</p>
      <div className="bulk-tools">
        <span>{t.console.bulk.selected(selected.size, rows.length)}</span>
        <label className="inline">
          {t.console.bulk.percent}
          <input value={percent} onChange={(e) => setPercent(e.target.value)} inputMode="decimal" size={6} />
        </label>
        <button type="button" className="secondary" disabled={selected.size === 0} onClick={fillPercent}>
          {t.console.bulk.fillPrices}
        </button>
        <StatusSelect label={t.console.bulk.newStatus} emptyLabel={t.console.bulk.keepStatus} value={status} onChange={setStatus} />
        <button type="button" className="secondary" disabled={selected.size === 0} onClick={fillStatus}>
          {t.console.bulk.fillStatus}
        </button>
      </div>
      <table className="console-table bulk-table">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label={t.console.bulk.selectAll}
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
              />
            </th>
            <th>{t.console.listings.title}</th>
            <th>{t.console.listings.status}</th>
            <th>{t.listing.price}</th>
            <th>{t.console.bulk.newPrice}</th>
            <th>{t.console.bulk.newStatus}</th>
            <th>{t.console.bulk.agent}</th>
            <th>{t.console.bulk.result}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const result = results[row.id];
            const patch = selected.has(row.id) ? patchOf(row) : null;
            return (
              <tr key={row.id} data-listing={row.id} className={result && !result.ok ? "refused" : undefined}>
                <td>
                  <input type="checkbox" aria-label={row.title} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                </td>
                <td>{row.title}</td>
                <td>{t.listingStatus[row.status]}</td>
                <td>{format.money(row.price.amount, row.price.currency)}</td>
                <td>
                  <input
                    aria-label={t.console.bulk.newPriceOf(row.title)}
                    value={edit(row.id).price}
                    onChange={(e) => setEdit(row.id, { price: e.target.value })}
                    inputMode="decimal"
                    size={10}
                  />
                  {patch === "invalid" && <span className="problem">{t.search.invalidPrice}</span>}
                </td>
                <td>{edit(row.id).status ? t.listingStatus[edit(row.id).status as ListingStatus] : ""}</td>
                <td>
                  {agents(row).length > 1 ? (
                    <select
                      aria-label={t.console.bulk.newAgentOf(row.title)}
                      value={edit(row.id).realtorId || row.realtor?.id || ""}
                      onChange={(e) => setEdit(row.id, { realtorId: e.target.value === row.realtor?.id ? "" : e.target.value })}
                    >
                      {!row.realtor && <option value="">{t.console.bulk.keepAgent}</option>}
                      {agents(row).map((agent) => (
                        <option key={agent.id} value={agent.id}>
                          {agent.displayName}
                        </option>
                      ))}
                    </select>
                  ) : (
                    row.realtor?.displayName
                  )}
                </td>
                <td className="bulk-result">
                  {previewing && patch && patch !== "invalid" && (
                    <span>
                      {patch.price ? `${format.money(row.price.amount, row.price.currency)} → ${format.money(patch.price, row.price.currency)}` : ""}
                      {patch.status ? ` ${t.listingStatus[row.status]} → ${t.listingStatus[patch.status]}` : ""}
                      {patch.realtorId ? ` ${row.realtor?.displayName ?? ""} → ${agentName(row, patch.realtorId)}` : ""}
                    </span>
                  )}
                  {!previewing && result?.ok && <span className="ok">{t.console.bulk.applied}</span>}
                  {!previewing && result && !result.ok && (
                    <span className="problem" role="alert" title={result.message ?? undefined}>
                      {describeRefusal(t, { code: result.code ?? "INTERNAL_SERVER_ERROR" }, t.console.bulk.itemRefused)}
                      {fieldLabel(t.console.bulk.fields, result.message)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="bulk-actions">
        {summary && !previewing && (
          <p className="notice" role="status">
            {t.console.bulk.summary(summary.applied, summary.failed)}
          </p>
        )}
        {invalid > 0 && <p className="problem">{t.console.bulk.fixInvalid(invalid)}</p>}
        {!previewing ? (
          <button type="button" disabled={ready.length === 0 || invalid > 0} onClick={() => setPreviewing(true)}>
            {t.console.bulk.preview(ready.length)}
          </button>
        ) : (
          <>
            <button type="button" disabled={busy || ready.length === 0} onClick={() => void apply()}>
              {t.console.bulk.apply(ready.length)}
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setPreviewing(false)}>
              {t.console.bulk.back}
            </button>
          </>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}
