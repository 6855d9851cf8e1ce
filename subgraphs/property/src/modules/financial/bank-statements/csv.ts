// Banks' CSV exports differ in column names, separators and number formats; the mapping is
// configuration per bank, the parsing is csv-parse's.
import { AppError } from "@ppt/server-kit";
import { parse } from "csv-parse/sync";
import { parseAmount } from "../money.ts";
import { validIban, variableSymbolIn, type BankEntry } from "./bank-entry.ts";

export interface CsvStatementFormat {
  delimiter: string;
  /** "," in Slovak exports ("1 234,56"), "." otherwise. */
  decimalSeparator: "," | ".";
  /** "DD.MM.YYYY" (Slovak) or "YYYY-MM-DD". */
  dateFormat: "DD.MM.YYYY" | "YYYY-MM-DD";
  columns: {
    bookedOn: string;
    /** Signed amount: negative is outgoing. */
    amount: string;
    currency?: string;
    variableSymbol?: string;
    payerIban?: string;
    payerName?: string;
    bankReference?: string;
    remittance?: string;
  };
}

function isoDate(value: string, format: CsvStatementFormat["dateFormat"]): string {
  const match = format === "DD.MM.YYYY" ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim()) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) throw AppError.badInput(`Not a ${format} date: "${value}"`, { reason: "INVALID_STATEMENT" });
  const [day, month, year] = format === "DD.MM.YYYY" ? [match[1]!, match[2]!, match[3]!] : [match[3]!, match[2]!, match[1]!];
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

export function parseCsvStatement(csv: string, format: CsvStatementFormat): BankEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, delimiter: format.delimiter, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw AppError.badInput(`Not a readable CSV statement: ${(error as Error).message}`, { reason: "INVALID_STATEMENT" });
  }
  const { columns } = format;
  const cell = (row: Record<string, string>, column: string | undefined) => (column === undefined ? undefined : row[column]?.trim() || undefined);
  return rows.map((row, index) => {
    const rawAmount = cell(row, columns.amount);
    const rawDate = cell(row, columns.bookedOn);
    if (rawAmount === undefined || rawDate === undefined) {
      throw AppError.badInput(`Row ${index + 2} lacks the date or the amount`, { reason: "INVALID_STATEMENT" });
    }
    const normalized = rawAmount.replace(/[\s\u00a0]/g, "");
    const decimal = format.decimalSeparator === "," ? normalized.replace(/\./g, "").replace(",", ".") : normalized.replace(/,/g, "");
    const signed = parseAmount(decimal);
    const variableSymbolCell = cell(row, columns.variableSymbol);
    const remittance = cell(row, columns.remittance);
    return {
      amount: signed < 0n ? -signed : signed,
      direction: signed < 0n ? "DEBIT" : "CREDIT",
      currency: cell(row, columns.currency) ?? "EUR",
      bookedOn: isoDate(rawDate, format.dateFormat),
      bankReference: cell(row, columns.bankReference),
      variableSymbol: variableSymbolIn(variableSymbolCell) ?? variableSymbolIn(remittance),
      remittance,
      payerName: cell(row, columns.payerName),
      payerIban: validIban(cell(row, columns.payerIban)),
    } satisfies BankEntry;
  });
}
