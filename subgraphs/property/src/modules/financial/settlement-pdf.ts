// The settlement a unit owner receives, as a PDF (fonts with the Slovak letters: pdf-document.ts).
import { formatAmountSk } from "./money.ts";
import { a4Document, tableRow } from "./pdf-document.ts";
import type { UnitSettlement } from "./settlement.ts";

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
  const { doc, bytes } = a4Document(`Vyúčtovanie ${settlement.year} – ${letterhead.unitLabel}`);

  doc.font("bold").fontSize(16).text(`Vyúčtovanie služieb za rok ${settlement.year}`);
  doc.moveDown(0.5).font("regular").fontSize(10);
  doc.text(letterhead.organizationName);
  doc.text(`Dom: ${letterhead.buildingAddress}`);
  doc.text(`Byt: ${letterhead.unitLabel}`);
  doc.text(`Vlastník: ${letterhead.ownerName}`);
  doc.text(`Dátum vyhotovenia: ${letterhead.issuedOn}`);
  doc.moveDown();

  const columns = [50, 210, 300, 390, 470];
  const row = (cells: string[], font: "regular" | "bold") => tableRow(doc, columns, cells, font);
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
  return bytes;
}
