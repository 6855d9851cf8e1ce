// An invoice the caller already sees as the PDF its owner prints (invoice-pdf.ts): the same
// parties as the e-invoice, and the PAY by square code of what is still due when the
// organization's IBAN is set (without an IBAN the invoice prints without payment instructions).
import type { Invoice } from "@ppt/db/client";
import type { PropertyContext } from "../../context.ts";
import { dayOf, invoicePayBySquare } from "./graph.ts";
import { invoiceParties, safeName, type ExportedFile } from "./invoice-export.ts";
import { invoicePdf } from "./invoice-pdf.ts";
import { parseAmount, parseDecimal } from "./money.ts";

const cents = (value: { toFixed(digits: number): string }) => parseAmount(value.toFixed(2));

export async function invoiceDocument(ctx: PropertyContext, invoice: Invoice): Promise<ExportedFile> {
  const [parties, items, credited, payload] = await Promise.all([
    invoiceParties(ctx, invoice),
    ctx.loaders.itemsByInvoice.load(invoice.id),
    // The cancelled invoice is the same unit's, so the caller sees it too.
    invoice.creditsInvoiceId ? ctx.loaders.invoice.load(invoice.creditsInvoiceId) : null,
    invoicePayBySquare(ctx, invoice),
  ]);
  const { seller, buyer, unit, iban } = parties;
  const pdf = await invoicePdf({
    number: invoice.number,
    creditsNumber: invoice.creditsInvoiceId ? (credited?.number ?? "") : undefined,
    issuedOn: dayOf(invoice.issuedAt),
    dueOn: dayOf(invoice.dueAt),
    periodFrom: invoice.periodFrom ? dayOf(invoice.periodFrom) : undefined,
    periodTo: invoice.periodTo ? dayOf(invoice.periodTo) : undefined,
    variableSymbol: invoice.variableSymbol ?? undefined,
    note: invoice.note ?? undefined,
    seller: {
      name: seller.name,
      address: [seller.street, `${seller.postalCode} ${seller.city}`],
      companyId: seller.companyId,
      vatId: seller.vatId,
      iban: iban ?? undefined,
    },
    buyer: { name: buyer.name, address: [buyer.street, `${buyer.postalCode} ${buyer.city}`] },
    unitLabel: unit.designation ?? "",
    items: items.map((item) => ({
      description: item.description,
      quantityMilli: parseDecimal(item.quantity.toFixed(3), 3),
      unitPrice: cents(item.unitPrice),
      vatBasisPoints: Number(parseDecimal(item.vatRate.toFixed(2), 2)),
      net: cents(item.total),
    })),
    subtotal: cents(invoice.subtotal),
    vatTotal: cents(invoice.vatTotal),
    total: cents(invoice.total),
    amountPaid: cents(invoice.amountPaid),
    payBySquare: payload ?? undefined,
  });
  return { fileName: `${safeName(invoice.number)}.pdf`, contentType: "application/pdf", content: pdf.toString("base64") };
}
