// Units and their owners from a spreadsheet a manager already has (CSV or XLSX): read into rows,
// each checked before anything is sent, so the preview can name every row's problem. The
// header may be Slovak or English ("jednotka"/"unit", "podiel"/"share", …), in any order.
import { parse } from "csv-parse/browser/esm/sync";

export type RowProblem = "designation" | "duplicate" | "exists" | "floor" | "area" | "share" | "ownerShare" | "owner" | "validFrom";

export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface ImportRow {
  /** The row's number in the file (the header is row 1). */
  line: number;
  designation: string;
  floor: number | null;
  sizeSqm: string | null;
  share: Fraction | null;
  ownerEmail: string | null;
  ownerShare: Fraction | null;
  validFrom: string | null;
  /** The owner's user id, when the e-mail is a member's. */
  ownerId: string | null;
  problems: RowProblem[];
}

const COLUMNS = {
  designation: ["jednotka", "unit", "designation", "oznacenie"],
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

function fraction(text: string): Fraction | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  const [numerator, denominator] = [Number(match[1]), Number(match[2])];
  return denominator > 0 && numerator <= denominator ? { numerator, denominator } : null;
}

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

/** The rows of a sheet, each with its problems; `missing` names required columns the header lacks. */
export function checkRows(
  cells: string[][],
  context: { membersByEmail: ReadonlyMap<string, string>; existingDesignations: ReadonlySet<string> },
): { rows: ImportRow[]; missing: RequiredColumn[] } {
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
  const seen = new Map<string, number>();
  for (const row of body) {
    const designation = cell(row, "designation");
    if (designation) seen.set(designation, (seen.get(designation) ?? 0) + 1);
  }
  const rows = body.map((row, i): ImportRow => {
    const problems: RowProblem[] = [];
    const designation = cell(row, "designation");
    if (!designation) problems.push("designation");
    else if ((seen.get(designation) ?? 0) > 1) problems.push("duplicate");
    else if (context.existingDesignations.has(designation)) problems.push("exists");
    const floorText = cell(row, "floor");
    const floor = floorText === "" ? null : /^-?\d+$/.test(floorText) ? Number(floorText) : NaN;
    if (Number.isNaN(floor)) problems.push("floor");
    const areaText = cell(row, "area").replace(",", ".");
    if (areaText && !/^\d+(\.\d+)?$/.test(areaText)) problems.push("area");
    const share = fraction(cell(row, "share"));
    if (!share) problems.push("share");
    const ownerEmail = cell(row, "owner").toLowerCase() || null;
    const ownerId = ownerEmail ? (context.membersByEmail.get(ownerEmail) ?? null) : null;
    if (ownerEmail && !ownerId) problems.push("owner");
    const ownerShareText = cell(row, "ownerShare");
    const ownerShare = ownerEmail ? (ownerShareText ? fraction(ownerShareText) : { numerator: 1, denominator: 1 }) : null;
    if (ownerEmail && !ownerShare) problems.push("ownerShare");
    const validFrom = cell(row, "validFrom") || null;
    if (validFrom && !/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) problems.push("validFrom");
    return {
      line: i + 2,
      designation,
      floor: Number.isNaN(floor) ? null : floor,
      sizeSqm: areaText || null,
      share,
      ownerEmail,
      ownerShare,
      validFrom,
      ownerId,
      problems,
    };
  });
  return { rows, missing };
}
