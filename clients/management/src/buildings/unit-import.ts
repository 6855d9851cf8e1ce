// Units and their owners from a spreadsheet a manager already has (CSV or XLSX): read into the
// rows importUnits takes, cells as text. Every rule (formats, ranges, members, shares) is the
// server's: its dry run is the preview, so a file the preview accepts is the file it imports.
// The header may be Slovak or English ("jednotka"/"unit", "podiel"/"share", …), in any order.
import { parse } from "csv-parse/browser/esm/sync";

/** A row as importUnits takes it, with its number in the file (the header is row 1). */
export interface SheetRow {
  line: number;
  designation: string;
  entrance: string | null;
  floor: string | null;
  sizeSqm: string | null;
  ownershipShare: string;
  ownerEmail: string | null;
  ownerShare: string | null;
  validFrom: string | null;
}

const COLUMNS = {
  designation: ["jednotka", "unit", "designation", "oznacenie"],
  entrance: ["vchod", "entrance"],
  floor: ["poschodie", "floor"],
  area: ["plocha", "area", "size", "sizesqm"],
  share: ["podiel", "share", "ownershipshare"],
  owner: ["vlastnik", "owner", "email", "owneremail"],
  ownerShare: ["podielvlastnika", "ownershare", "ownersshare"],
  validFrom: ["platneod", "validfrom", "od"],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED = ["designation", "share"] as const satisfies readonly Column[];
type RequiredColumn = (typeof REQUIRED)[number];

const normalized = (header: string) =>
  header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

/** The file's cells, row by row (the first is the header). XLSX is read by exceljs, loaded only when one is chosen. */
export async function readSheet(file: File): Promise<string[][]> {
  if (/\.xlsx$/i.test(file.name)) {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((value) => (value == null ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value as string))));
    });
    return rows;
  }
  const text = await file.text();
  const delimiter = (text.split("\n")[0] ?? "").includes(";") ? ";" : ",";
  const rows: string[][] = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  return rows;
}

/** The sheet's rows as importUnits takes them; `missing` names required columns the header lacks. */
export function sheetRows(cells: string[][]): { rows: SheetRow[]; missing: RequiredColumn[] } {
  const [header = [], ...body] = cells;
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    const key = (Object.keys(COLUMNS) as Column[]).find((column) => (COLUMNS[column] as readonly string[]).includes(normalized(name)));
    if (key && !index.has(key)) index.set(key, i);
  });
  const missing = REQUIRED.filter((column) => !index.has(column));
  if (missing.length) return { rows: [], missing };
  const cell = (row: string[], column: Column) => {
    const at = index.get(column);
    return at === undefined ? "" : (row[at] ?? "").trim();
  };
  const rows = body
    .map((row, i): SheetRow => ({
      line: i + 2,
      designation: cell(row, "designation"),
      entrance: cell(row, "entrance") || null,
      floor: cell(row, "floor") || null,
      sizeSqm: cell(row, "area") || null,
      ownershipShare: cell(row, "share"),
      ownerEmail: cell(row, "owner") || null,
      ownerShare: cell(row, "ownerShare") || null,
      validFrom: cell(row, "validFrom") || null,
    }))
    .filter((row) => Object.entries(row).some(([key, value]) => key !== "line" && value));
  return { rows, missing };
}
