// The settlement a unit owner receives, as a PDF. DejaVu Sans is embedded (from the
// dejavu-fonts-ttf package, so a fresh machine has it) because PDF's standard fonts have no
// glyphs for ľ, ť, ň, ô and the other Slovak letters.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { formatAmountSk } from "./money.ts";
import type { UnitSettlement } from "./settlement.ts";

const require = createRequire(import.meta.url);
const regularFont = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const boldFont = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export interface SettlementLetterhead {
  organizationName: string;
  buildingAddress: string;
  unitLabel: string;
  ownerName: string;
  issuedOn: string;
  /** Where an arrear is paid. */
  iban?: string;
  variableSymbol?: string;
}

const keyLabel: Record<UnitSettlement["lines"][number]["allocationKey"], string> = {
  OWNERSHIP_SHARE: "podiel",
  FLOOR_AREA: "plocha m²",
  PERSON_MONTHS: "osobomesiace",
  CONSUMPTION: "spotreba",
};

export function settlementPdf(settlement: UnitSettlement, letterhead: SettlementLetterhead): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Vyúčtovanie ${settlement.year} – ${letterhead.unitLabel}` } });
  doc.registerFont("regular", regularFont);
  doc.registerFont("bold", boldFont);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("bold").fontSize(16).text(`Vyúčtovanie služieb za rok ${settlement.year}`);
  doc.moveDown(0.5).font("regular").fontSize(10);
  doc.text(letterhead.organizationName);
  doc.text(`Dom: ${letterhead.buildingAddress}`);
  doc.text(`Byt: ${letterhead.unitLabel}`);
  doc.text(`Vlastník: ${letterhead.ownerName}`);
  doc.text(`Dátum vyhotovenia: ${letterhead.issuedOn}`);
  doc.moveDown();

  const columns = [50, 210, 300, 390, 470];
  const row = (cells: string[], font: "regular" | "bold") => {
    const y = doc.y;
    doc.font(font);
    cells.forEach((cell, i) => doc.text(cell, columns[i], y, { width: (columns[i + 1] ?? 545) - columns[i]! - 6, align: i === 0 ? "left" : "right" }));
    doc.x = columns[0]!;
    doc.moveDown(0.3);
  };
  row(["Služba", "Kľúč", "Náklad", "Zálohy", "Rozdiel"], "bold");
  for (const line of settlement.lines) {
    row([line.name, keyLabel[line.allocationKey], formatAmountSk(line.cost), formatAmountSk(line.advancesPaid), formatAmountSk(line.difference)], "regular");
  }
  row(["Spolu", "", formatAmountSk(settlement.totalCost), formatAmountSk(settlement.totalAdvances), formatAmountSk(settlement.difference)], "bold");
  doc.moveDown();

  const magnitude = settlement.difference < 0n ? -settlement.difference : settlement.difference;
  doc.font("bold").fontSize(12);
  if (settlement.result === "OVERPAYMENT") doc.text(`Preplatok: ${formatAmountSk(magnitude)}`, columns[0]);
  else if (settlement.result === "ARREAR") doc.text(`Nedoplatok: ${formatAmountSk(magnitude)}`, columns[0]);
  else doc.text("Vyúčtovanie je vyrovnané.", columns[0]);
  doc.font("regular").fontSize(10);
  if (settlement.result === "ARREAR" && letterhead.iban) {
    doc.text(`Uhraďte prosím na účet ${letterhead.iban}${letterhead.variableSymbol ? `, variabilný symbol ${letterhead.variableSymbol}` : ""}.`);
  }
  doc.end();
  return done;
}
