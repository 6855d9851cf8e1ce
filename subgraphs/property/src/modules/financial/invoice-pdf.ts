// An invoice or credit note as the PDF an owner prints: seller and buyer, the unit, the variable
// symbol, the items with the VAT recapitulated per rate, the totals, the due date and, while
// something is due, the PAY by square QR code every Slovak banking app scans. The QR is a PNG
// image (the `qrcode` package) at a size a phone reads from paper.
import { friendlyFormatIBAN } from "ibantools";
import QRCode from "qrcode";
import { formatAmountSk, type Cents } from "./money.ts";
import { a4Document, tableRow } from "./pdf-document.ts";
import { vatOn } from "./vat-rates.ts";

export interface InvoiceParty {
  name: string;
  /** Address lines, e.g. ["Hlboká 12", "811 04 Bratislava"]. */
  address: string[];
  companyId?: string;
  vatId?: string;
}

export interface InvoicePdfItem {
  description: string;
  /** Thousandths: 1000n = 1. */
  quantityMilli: bigint;
  unitPrice: Cents;
  /** Hundredths of a percent: 2300 = 23 %. */
  vatBasisPoints: number;
  /** The line's net amount (quantity × unit price, as stored). */
  net: Cents;
}

export interface InvoicePdfInput {
  number: string;
  /** Set on a credit note: the number of the invoice it cancels. */
  creditsNumber?: string;
  issuedOn: string;
  dueOn: string;
  periodFrom?: string;
  periodTo?: string;
  variableSymbol?: string;
  note?: string;
  seller: InvoiceParty & { iban?: string };
  buyer: InvoiceParty;
  unitLabel: string;
  items: InvoicePdfItem[];
  subtotal: Cents;
  vatTotal: Cents;
  total: Cents;
  amountPaid: Cents;
  /** The PAY by square payload for what is due; absent when nothing is due or no IBAN is set. */
  payBySquare?: string;
}

/** "2025-01-15" → "15.01.2025", as Slovak documents print dates. */
const skDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const skQuantity = (milli: bigint) => {
  const sign = milli < 0n ? "-" : "";
  const magnitude = milli < 0n ? -milli : milli;
  const fraction = (magnitude % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${sign}${magnitude / 1000n}${fraction ? `,${fraction}` : ""}`;
};

/** An IBAN in groups of four, as people read and type it. */
const printedIban = (iban: string) => friendlyFormatIBAN(iban) ?? iban;

const skPercent = (basisPoints: number) => `${(basisPoints / 100).toFixed(basisPoints % 100 === 0 ? 0 : 2).replace(".", ",")} %`;

/** The VAT of each rate on the sum of its lines (as the invoice was taxed: EN 16931 BR-CO-17). */
export function vatRecapitulation(items: readonly InvoicePdfItem[]): { basisPoints: number; taxable: Cents; vat: Cents }[] {
  const byRate = new Map<number, Cents>();
  for (const item of items) byRate.set(item.vatBasisPoints, (byRate.get(item.vatBasisPoints) ?? 0n) + item.net);
  return [...byRate].sort(([a], [b]) => b - a).map(([basisPoints, taxable]) => ({ basisPoints, taxable, vat: vatOn(taxable, basisPoints) }));
}

export async function invoicePdf(invoice: InvoicePdfInput): Promise<Buffer> {
  const isCreditNote = invoice.creditsNumber !== undefined;
  const title = `${isCreditNote ? "Dobropis" : "Faktúra"} č. ${invoice.number}`;
  const { doc, bytes } = a4Document(title);
  const left = 50;
  const right = 310;

  doc.font("bold").fontSize(16).text(title, left);
  if (isCreditNote) doc.font("regular").fontSize(10).text(`Opravný doklad k faktúre č. ${invoice.creditsNumber}`);
  doc.moveDown();

  const partyTop = doc.y;
  const party = (heading: string, p: InvoiceParty & { iban?: string }, x: number, extra: string[]) => {
    doc.font("bold").fontSize(10).text(heading, x, partyTop, { width: 235 });
    doc.font("regular").text(p.name, x, undefined, { width: 235 });
    for (const line of [
      ...p.address,
      ...(p.companyId ? [`IČO: ${p.companyId}`] : []),
      ...(p.vatId ? [`IČ DPH: ${p.vatId}`] : []),
      ...(p.iban ? [`IBAN: ${printedIban(p.iban)}`] : []),
      ...extra,
    ]) {
      doc.text(line, x, undefined, { width: 235 });
    }
    return doc.y;
  };
  const sellerBottom = party("Dodávateľ", invoice.seller, left, []);
  const buyerBottom = party("Odberateľ", invoice.buyer, right, [`Byt: ${invoice.unitLabel}`]);
  doc.x = left;
  doc.y = Math.max(sellerBottom, buyerBottom);
  doc.moveDown();

  const facts: [string, string][] = [
    ["Dátum vyhotovenia", skDate(invoice.issuedOn)],
    ["Dátum splatnosti", skDate(invoice.dueOn)],
    ...(invoice.variableSymbol ? ([["Variabilný symbol", invoice.variableSymbol]] as [string, string][]) : []),
    ...(invoice.periodFrom && invoice.periodTo ? ([["Obdobie", `${skDate(invoice.periodFrom)} – ${skDate(invoice.periodTo)}`]] as [string, string][]) : []),
  ];
  for (const [label, value] of facts) tableRow(doc, [left, 200], [`${label}:`, value], "regular");
  doc.moveDown();

  const columns = [left, 260, 320, 410, 460];
  tableRow(doc, columns, ["Položka", "Množstvo", "Jedn. cena", "DPH", "Základ"], "bold");
  for (const item of invoice.items) {
    tableRow(
      doc,
      columns,
      [item.description, skQuantity(item.quantityMilli), formatAmountSk(item.unitPrice), skPercent(item.vatBasisPoints), formatAmountSk(item.net)],
      "regular",
    );
  }
  doc.moveDown();

  const recapColumns = [left, 260, 360, 460];
  tableRow(doc, recapColumns, ["Sadzba DPH", "Základ", "DPH", "Spolu"], "bold");
  for (const rate of vatRecapitulation(invoice.items)) {
    tableRow(
      doc,
      recapColumns,
      [skPercent(rate.basisPoints), formatAmountSk(rate.taxable), formatAmountSk(rate.vat), formatAmountSk(rate.taxable + rate.vat)],
      "regular",
    );
  }
  doc.moveDown();

  const totals = [left, 360];
  tableRow(doc, totals, ["Základ spolu", formatAmountSk(invoice.subtotal)], "regular");
  tableRow(doc, totals, ["DPH spolu", formatAmountSk(invoice.vatTotal)], "regular");
  tableRow(doc, totals, ["Celkom", formatAmountSk(invoice.total)], "bold");
  if (!isCreditNote) {
    const due = invoice.total - invoice.amountPaid;
    tableRow(doc, totals, ["Uhradené", formatAmountSk(invoice.amountPaid)], "regular");
    tableRow(doc, totals, ["Zostáva uhradiť", formatAmountSk(due > 0n ? due : 0n)], "bold");
  }
  doc.moveDown();

  if (invoice.note) {
    doc.font("regular").fontSize(10).text(invoice.note, left);
    doc.moveDown();
  }

  if (isCreditNote) {
    doc.font("regular").fontSize(10).text("Suma dobropisu sa započíta na účte bytu.", left);
  } else if (invoice.payBySquare) {
    const top = doc.y;
    doc.font("regular").fontSize(10);
    doc.text(`Platbu poukážte na účet ${printedIban(invoice.seller.iban ?? "")}`, left, top, { width: 300 });
    if (invoice.variableSymbol) doc.text(`s variabilným symbolom ${invoice.variableSymbol}`, left, undefined, { width: 300 });
    doc.text(`do ${skDate(invoice.dueOn)}.`, left, undefined, { width: 300 });
    // Error correction M with the quiet zone the standard asks for, scaled so a module is about
    // 0.5 mm when printed: what banking apps read from paper.
    const png = await QRCode.toBuffer(invoice.payBySquare, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 6 });
    const size = 140;
    doc.image(png, 405, top, { width: size, height: size });
    doc
      .font("bold")
      .fontSize(9)
      .text("PAY by square", 405, top + size + 2, { width: size, align: "center" });
  } else if (invoice.total - invoice.amountPaid <= 0n) {
    doc.font("regular").fontSize(10).text("Faktúra je uhradená.", left);
  }

  doc.end();
  return bytes;
}
