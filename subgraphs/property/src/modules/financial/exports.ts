// Spreadsheet exports for the accountant: the arrears by age (what the caller may see of them) and
// the organization's ledger lines of a year (staff only), as CSV (semicolons and a decimal comma,
// as Slovak Excel opens it) or XLSX (exceljs). Amounts are computed in cents and written from their
// exact decimal strings; an XLSX cell holds them as numbers with two decimals, the spreadsheet's
// own representation, so they can be summed there.
import ExcelJS from "exceljs";
import { AppError, readsWholeOrganization, requirePermission } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { unitById } from "../buildings/index.ts";
import { settlementYear } from "./annual-settlement.ts";
import { arrears } from "./graph.ts";
import type { ExportedFile } from "./invoice-export.ts";

export type ExportFormat = "CSV" | "XLSX";

interface Column {
  header: string;
  /** Amount columns are exact decimal strings ("-12.50"). */
  money?: boolean;
}

const csvCell = (value: string) => (/[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

async function sheet(name: string, columns: readonly Column[], rows: readonly string[][], format: ExportFormat, fileStem: string): Promise<ExportedFile> {
  if (format === "CSV") {
    const lines = [columns.map((c) => csvCell(c.header)).join(";")];
    for (const row of rows) lines.push(row.map((cell, i) => csvCell(columns[i]!.money ? cell.replace(".", ",") : cell)).join(";"));
    // A BOM so Excel reads the Slovak letters as UTF-8.
    return {
      fileName: `${fileStem}.csv`,
      contentType: "text/csv; charset=utf-8",
      content: Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`, "utf8").toString("base64"),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(name);
  worksheet.columns = columns.map((c) => ({ header: c.header, width: c.money ? 14 : 28, style: c.money ? { numFmt: "#,##0.00" } : {} }));
  for (const row of rows) worksheet.addRow(row.map((cell, i) => (columns[i]!.money ? Number(cell) : cell)));
  worksheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${fileStem}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: buffer.toString("base64") };
}

/** The arrears as graph.arrears answers them to the caller (owners: their units only). */
export async function arrearsExport(
  ctx: PropertyContext,
  asOf: string | null | undefined,
  buildingId: string | null | undefined,
  format: ExportFormat,
): Promise<ExportedFile> {
  const rows = await arrears(ctx, asOf, buildingId);
  const units = await Promise.all(rows.map((r) => unitById(ctx, r.unitId)));
  const columns: Column[] = [
    { header: "Jednotka" },
    { header: "ID jednotky" },
    { header: "Saldo", money: true },
    { header: "Nesplatné", money: true },
    { header: "0–30 dní", money: true },
    { header: "31–60 dní", money: true },
    { header: "61–90 dní", money: true },
    { header: "Nad 90 dní", money: true },
    { header: "Preplatok", money: true },
  ];
  const cells = rows.map((r, i) => [
    units[i]?.designation ?? "",
    r.unitId,
    r.balance.amount,
    r.notYetDue.amount,
    r.days0to30.amount,
    r.days31to60.amount,
    r.days61to90.amount,
    r.over90.amount,
    r.credit.amount,
  ]);
  return sheet("Nedoplatky", columns, cells, format, `nedoplatky-${asOf ?? new Date().toISOString().slice(0, 10)}`);
}

/** Every ledger line of the organization in a year, by date and posting. Staff only. */
export async function ledgerExport(ctx: PropertyContext, year: number, format: ExportFormat): Promise<ExportedFile> {
  requirePermission(ctx.caller, "financial:read");
  if (!readsWholeOrganization(ctx.caller, "financial")) throw AppError.forbidden();
  const { from, to } = settlementYear(year);
  const lines = await ctx.db.read(
    (tx) =>
      tx.$queryRaw<
        {
          posted_on: string;
          kind: string;
          posting_id: string;
          description: string;
          account: string;
          variable_symbol: string | null;
          debit: string;
          credit: string;
        }[]
      >`
      SELECT p.posted_on::text, p.kind, p.id::text AS posting_id, p.description, a.name AS account, a.variable_symbol,
             CASE WHEN t.kind = 'DEBIT' THEN t.amount ELSE 0 END::numeric(15,2)::text AS debit,
             CASE WHEN t.kind = 'CREDIT' THEN t.amount ELSE 0 END::numeric(15,2)::text AS credit
      FROM property.financial_transactions t
      JOIN property.ledger_postings p ON p.id = t.posting_id
      JOIN property.financial_accounts a ON a.id = t.account_id
      WHERE p.posted_on >= ${from}::date AND p.posted_on < ${to}::date
      ORDER BY p.posted_on, p.created_at, p.id, t.kind DESC, a.name`,
  );
  const columns: Column[] = [
    { header: "Dátum" },
    { header: "Druh" },
    { header: "Doklad" },
    { header: "Popis" },
    { header: "Účet" },
    { header: "VS" },
    { header: "MD", money: true },
    { header: "D", money: true },
  ];
  const cells = lines.map((l) => [l.posted_on, l.kind, l.posting_id, l.description, l.account, l.variable_symbol ?? "", l.debit, l.credit]);
  return sheet(`Denník ${year}`, columns, cells, format, `dennik-${year}`);
}
