// Invoice lines as stored (InvoiceItem: quantity Decimal(14,3), unitPrice Decimal(15,2)) turned into
// cents once, so the stored totals, the PDF, the QR code and the e-invoice agree to the cent.
import { divideRounded, formatDecimal, parseAmount, parseDecimal, type Cents } from "./money.ts";
import { invoiceTotals, type InvoiceTotals, type VatCategory } from "./vat-rates.ts";

export interface InvoiceLineInput {
  description: string;
  /** Decimal string, up to 3 places ("1", "12.345"). */
  quantity: string;
  /** Decimal string in the invoice currency, up to 2 places. */
  unitPrice: string;
  category: VatCategory;
  /** UN/ECE rec. 20 unit code; C62 ("one") when absent. */
  unitCode?: string;
}

export interface PricedLine extends InvoiceLineInput {
  quantityMilli: bigint;
  unitPriceCents: Cents;
  /** quantity × unit price, half-up to the cent (EN 16931 BT-131). */
  net: Cents;
}

export function priceLines(lines: readonly InvoiceLineInput[]): PricedLine[] {
  return lines.map((line) => {
    const quantityMilli = parseDecimal(line.quantity, 3);
    const unitPriceCents = parseAmount(line.unitPrice);
    return { ...line, quantityMilli, unitPriceCents, net: divideRounded(quantityMilli * unitPriceCents, 1000n, "HALF_UP") };
  });
}

export function pricedInvoice(lines: readonly InvoiceLineInput[], supplyDate: string): { lines: PricedLine[]; totals: InvoiceTotals } {
  const priced = priceLines(lines);
  return { lines: priced, totals: invoiceTotals(priced, supplyDate) };
}

/** "1.500" → "1.5": e-invoices carry quantities without padding. */
export function formatQuantity(quantityMilli: bigint): string {
  return formatDecimal(quantityMilli, 3).replace(/\.?0+$/, "");
}
