import { useState } from "react";
import type { ApolloClient } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { checkRows, readSheet, type ImportRow } from "./unit-import.ts";

const ImportMembers = graphql(`
  query ImportMembers($after: String) {
    members(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          user {
            id
          }
        }
      }
    }
  }
`);

const ImportUnit = graphql(`
  mutation ImportUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
    }
  }
`);

const ImportOwnership = graphql(`
  mutation ImportOwnership($input: AddUnitOwnershipInput!) {
    addUnitOwnership(input: $input) {
      id
    }
  }
`);

type Outcome = { done: true } | { error: unknown };

/** Every member's user id by e-mail (all pages): the owners a file may name. */
async function membersByEmail(client: ApolloClient): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let after: string | null = null;
  do {
    const {
      data,
    }: { data?: { members: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: { email: string; user: { id: string } } }[] } } } =
      await client.query({ query: ImportMembers, variables: { after }, fetchPolicy: "network-only" });
    if (!data) break;
    for (const { node } of data.members.edges) found.set(node.email.toLowerCase(), node.user.id);
    after = data.members.pageInfo.hasNextPage ? (data.members.pageInfo.endCursor ?? null) : null;
  } while (after);
  return found;
}

/**
 * Staff: a building's units and owners from a CSV or XLSX file. The file is read and every row
 * checked here first (the preview names each row's problem); only a file without problems can be
 * applied, row by row, each row's outcome shown beside it.
 */
export function UnitImport({ buildingId, existing }: { buildingId: string; existing: readonly string[] }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [rows, setRows] = useState<ImportRow[] | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Map<number, Outcome>>(new Map());
  const [applying, setApplying] = useState(false);

  async function choose(file: File | undefined) {
    setRows(null);
    setOutcomes(new Map());
    setFileProblem(null);
    if (!file) return;
    const cells = await readSheet(file).catch(() => null);
    if (!cells) return setFileProblem(t.unitImport.unreadable);
    const members = await membersByEmail(client).catch(() => null);
    if (!members) return setFileProblem(t.loadFailed);
    const checked = checkRows(cells, { membersByEmail: members, existingDesignations: new Set(existing) });
    if (checked.missing.length) return setFileProblem(t.unitImport.missingColumns(checked.missing.map((c) => t.unitImport[c]).join(", ")));
    if (checked.rows.length === 0) return setFileProblem(t.unitImport.empty);
    setRows(checked.rows);
  }

  async function apply(valid: ImportRow[]) {
    setApplying(true);
    const today = new Date().toISOString().slice(0, 10);
    for (const row of valid) {
      if (outcomes.get(row.line) && "done" in outcomes.get(row.line)!) continue;
      let outcome: Outcome;
      try {
        const { data } = await client.mutate({
          mutation: ImportUnit,
          variables: { input: { buildingId, designation: row.designation, floor: row.floor, sizeSqm: row.sizeSqm, ownershipShare: row.share! } },
        });
        if (row.ownerId && data)
          await client.mutate({
            mutation: ImportOwnership,
            variables: { input: { unitId: data.createUnit.id, userId: row.ownerId, share: row.ownerShare!, validFrom: row.validFrom ?? today } },
          });
        outcome = { done: true };
      } catch (error) {
        outcome = { error };
      }
      setOutcomes((current) => new Map(current).set(row.line, outcome));
    }
    setApplying(false);
    await client.refetchQueries({ include: ["BuildingDetail"] });
  }

  const valid = rows?.filter((row) => row.problems.length === 0) ?? [];
  const created = [...outcomes.values()].filter((o) => "done" in o).length;
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
      {rows && (
        <>
          <p className="result-count">{t.unitImport.preview(valid.length, rows.length - valid.length)}</p>
          <div className="table-scroll">
            <table className="units">
              <thead>
                <tr>
                  <th scope="col">{t.unitImport.row}</th>
                  <th scope="col">{t.unitImport.designation}</th>
                  <th scope="col">{t.unitImport.floor}</th>
                  <th scope="col">{t.unitImport.area}</th>
                  <th scope="col">{t.unitImport.share}</th>
                  <th scope="col">{t.unitImport.owner}</th>
                  <th scope="col">{t.unitImport.ownerShare}</th>
                  <th scope="col">{t.unitImport.result}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const outcome = outcomes.get(row.line);
                  return (
                    <tr key={row.line} className={row.problems.length ? "row-problem" : undefined}>
                      <td>{row.line}</td>
                      <td>{row.designation}</td>
                      <td>{row.floor ?? ""}</td>
                      <td>{row.sizeSqm ?? ""}</td>
                      <td>{row.share ? `${row.share.numerator}/${row.share.denominator}` : ""}</td>
                      <td>{row.ownerEmail ?? ""}</td>
                      <td>{row.ownerShare ? `${row.ownerShare.numerator}/${row.ownerShare.denominator}` : ""}</td>
                      <td>
                        {row.problems.length > 0 ? (
                          <span className="problem">{row.problems.map((p) => t.unitImport.rowProblem[p]).join(" ")}</span>
                        ) : outcome && "error" in outcome ? (
                          <Refused error={outcome.error} />
                        ) : outcome ? (
                          <span className="done">{t.unitImport.done}</span>
                        ) : (
                          <span className="muted">{t.unitImport.ok}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {created > 0 && (
            <p className="done" role="status">
              {t.unitImport.applied(created)}
            </p>
          )}
          <button type="button" disabled={applying || valid.length === 0 || valid.length !== rows.length} onClick={() => void apply(valid)}>
            {t.unitImport.apply(valid.length)}
          </button>
        </>
      )}
    </section>
  );
}
