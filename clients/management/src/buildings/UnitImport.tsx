import { useState } from "react";
import { useApolloClient } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import type { UnitImportRowStatus, UnitImportErrorCode } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { readSheet, sheetRows, type SheetRow } from "./unit-import.ts";

const ImportUnits = graphql(`
  mutation ImportUnits($buildingId: ID!, $rows: [UnitImportRow!]!, $idempotencyKey: String, $dryRun: Boolean) {
    importUnits(buildingId: $buildingId, rows: $rows, idempotencyKey: $idempotencyKey, dryRun: $dryRun) {
      dryRun
      applied
      createdCount
      updatedCount
      failedCount
      rows {
        row
        status
        errors {
          code
          field
        }
      }
    }
  }
`);

interface Checked {
  applied: boolean;
  createdCount: number;
  failedCount: number;
  rows: { row: number; status: UnitImportRowStatus; errors: { code: UnitImportErrorCode }[] }[];
}

const toInput = ({ line: _line, ...row }: SheetRow) => row;

/**
 * Staff: a building's units and owners from a CSV or XLSX file. The file is read here and sent as
 * a dry run: the server checks every row (the preview names each row's problems in its words);
 * only a file without problems can be applied, in one import that writes all rows or none. The
 * import's key is made once per file, so pressing again after a lost answer imports once.
 */
export function UnitImport({ buildingId }: { buildingId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [rows, setRows] = useState<SheetRow[] | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [key, setKey] = useState("");
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send(sheet: SheetRow[], dryRun: boolean, idempotencyKey: string | null): Promise<Checked | null> {
    setRefusal(null);
    try {
      const { data } = await client.mutate({
        mutation: ImportUnits,
        variables: { buildingId, rows: sheet.map(toInput), dryRun, idempotencyKey },
      });
      return data?.importUnits ?? null;
    } catch (error) {
      setRefusal(error);
      return null;
    }
  }

  async function choose(file: File | undefined) {
    setRows(null);
    setChecked(null);
    setFileProblem(null);
    setRefusal(null);
    if (!file) return;
    const cells = await readSheet(file).catch(() => null);
    if (!cells) return setFileProblem(t.unitImport.unreadable);
    const sheet = sheetRows(cells);
    if (sheet.missing.length) return setFileProblem(t.unitImport.missingColumns(sheet.missing.map((c) => t.unitImport[c]).join(", ")));
    if (sheet.rows.length === 0) return setFileProblem(t.unitImport.empty);
    setRows(sheet.rows);
    setKey(crypto.randomUUID());
    setBusy(true);
    setChecked(await send(sheet.rows, true, null));
    setBusy(false);
  }

  async function apply(sheet: SheetRow[]) {
    setBusy(true);
    const result = await send(sheet, false, key);
    if (result) setChecked(result);
    setBusy(false);
    if (result?.applied) await client.refetchQueries({ include: ["BuildingDetail"] });
  }

  const failed = checked?.failedCount ?? 0;
  return (
    <section className="unit-import">
      <h2>{t.unitImport.heading}</h2>
      <p className="muted">{t.unitImport.hint}</p>
      <label className="inline">
        {t.unitImport.file}{" "}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {fileProblem && (
        <p className="problem" role="alert">
          {fileProblem}
        </p>
      )}
      {refusal ? <Refused error={refusal} /> : null}
      {rows && busy && !checked && <p className="muted">{t.unitImport.checking}</p>}
      {rows && checked && (
        <>
          <p className="result-count">{t.unitImport.preview(rows.length - failed, failed)}</p>
          <div className="table-scroll">
            <table className="units">
              <thead>
                <tr>
                  <th scope="col">{t.unitImport.row}</th>
                  <th scope="col">{t.unitImport.designation}</th>
                  <th scope="col">{t.unitImport.entrance}</th>
                  <th scope="col">{t.unitImport.floor}</th>
                  <th scope="col">{t.unitImport.area}</th>
                  <th scope="col">{t.unitImport.share}</th>
                  <th scope="col">{t.unitImport.owner}</th>
                  <th scope="col">{t.unitImport.ownerShare}</th>
                  <th scope="col">{t.unitImport.result}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => {
                  const outcome = checked.rows[i];
                  const problems = outcome?.errors ?? [];
                  return (
                    <tr key={row.line} className={problems.length ? "row-problem" : undefined}>
                      <td>{row.line}</td>
                      <td>{row.designation}</td>
                      <td>{row.entrance ?? ""}</td>
                      <td>{row.floor ?? ""}</td>
                      <td>{row.sizeSqm ?? ""}</td>
                      <td>{row.ownershipShare}</td>
                      <td>{row.ownerEmail ?? ""}</td>
                      <td>{row.ownerShare ?? ""}</td>
                      <td>
                        {problems.length > 0 ? (
                          <span className="problem">{problems.map((p) => t.unitImport.rowProblem[p.code]).join(" ")}</span>
                        ) : outcome ? (
                          <span className={checked.applied ? "done" : "muted"}>{t.unitImport.status[outcome.status]}</span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {checked.applied ? (
            <p className="done" role="status">
              {t.unitImport.applied(checked.createdCount)}
            </p>
          ) : (
            <button type="button" disabled={busy || failed > 0} onClick={() => void apply(rows)}>
              {t.unitImport.apply(rows.length)}
            </button>
          )}
        </>
      )}
    </section>
  );
}
