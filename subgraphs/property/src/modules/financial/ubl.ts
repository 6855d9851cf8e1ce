// An invoice as an EN 16931 e-invoice in UBL 2.1 syntax, produced by @e-invoice-eu/core from its
// JSON form of the UBL tree (the library validates that JSON against its schema before writing).
import { AppError } from "@ppt/server-kit";
import { InvoiceService, type Invoice as UblInvoice } from "@e-invoice-eu/core";
import { validIban } from "./bank-statements/bank-entry.ts";
import { formatQuantity, pricedInvoice, type InvoiceLineInput } from "./invoice-lines.ts";
import { formatAmount, formatDecimal } from "./money.ts";
import type { VatCategory } from "./vat-rates.ts";

export interface InvoiceParty {
  name: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  /** IČ DPH ("SK2020123456") when VAT-registered. */
  vatId?: string;
  /** IČO. */
  companyId?: string;
  email?: string;
}

export interface InvoiceDocument {
  number: string;
  issuedOn: string;
  dueOn: string;
  /** Date of supply; the VAT rate is taken on this date. Defaults to the issue date. */
  suppliedOn?: string;
  periodFrom?: string;
  periodTo?: string;
  currency: string;
  variableSymbol?: string;
  note?: string;
  seller: InvoiceParty & { iban: string };
  buyer: InvoiceParty;
  lines: InvoiceLineInput[];
}

const taxCategoryCode: Record<VatCategory, "S" | "E"> = { STANDARD: "S", REDUCED: "S", SECOND_REDUCED: "S", EXEMPT: "E" };
// Flats and their common parts are let exempt (§ 38 of the Slovak VAT Act): BR-E-10 wants a reason.
const exemptionReason = "Oslobodené od dane podľa § 38 zákona č. 222/2004 Z. z.";

const percent = (basisPoints: number) => formatDecimal(BigInt(basisPoints), 2).replace(/\.?0+$/, "");

function party(p: InvoiceParty) {
  return {
    ...(p.email ? { "cbc:EndpointID": p.email, "cbc:EndpointID@schemeID": "EM" } : {}),
    "cac:PartyName": { "cbc:Name": p.name },
    "cac:PostalAddress": {
      "cbc:StreetName": p.street,
      "cbc:CityName": p.city,
      "cbc:PostalZone": p.postalCode,
      "cac:Country": { "cbc:IdentificationCode": p.country },
    },
    ...(p.vatId ? { "cac:PartyTaxScheme": [{ "cbc:CompanyID": p.vatId, "cac:TaxScheme": { "cbc:ID": "VAT" } }] } : {}),
    "cac:PartyLegalEntity": { "cbc:RegistrationName": p.name, ...(p.companyId ? { "cbc:CompanyID": p.companyId } : {}) },
  };
}

/** The invoice in @e-invoice-eu/core's JSON form of UBL. */
export function ublInvoiceData(invoice: InvoiceDocument): UblInvoice {
  if (invoice.lines.length === 0) throw AppError.badInput("An invoice needs at least one line", { reason: "EMPTY_INVOICE" });
  const iban = validIban(invoice.seller.iban);
  if (!iban) throw AppError.badInput("The seller IBAN is not valid", { reason: "INVALID_IBAN" });
  const { lines, totals } = pricedInvoice(invoice.lines, invoice.suppliedOn ?? invoice.issuedOn);
  const currency = invoice.currency;
  const money = (cents: bigint) => formatAmount(cents);
  // The exemption reason belongs to the VAT breakdown (BG-23), not to a line's category.
  const category = (c: VatCategory, basisPoints: number, breakdown = false) => ({
    "cbc:ID": taxCategoryCode[c],
    "cbc:Percent": percent(basisPoints),
    ...(breakdown && c === "EXEMPT" ? { "cbc:TaxExemptionReason": exemptionReason } : {}),
    "cac:TaxScheme": { "cbc:ID": "VAT" },
  });
  const rateOf = new Map(totals.breakdown.map((b) => [b.category, b.basisPoints]));
  const data = {
    "ubl:Invoice": {
      "cbc:CustomizationID": "urn:cen.eu:en16931:2017",
      "cbc:ID": invoice.number,
      "cbc:IssueDate": invoice.issuedOn,
      "cbc:DueDate": invoice.dueOn,
      "cbc:InvoiceTypeCode": "380",
      ...(invoice.note ? { "cbc:Note": [invoice.note] } : {}),
      "cbc:DocumentCurrencyCode": currency,
      ...(invoice.periodFrom && invoice.periodTo ? { "cac:InvoicePeriod": { "cbc:StartDate": invoice.periodFrom, "cbc:EndDate": invoice.periodTo } } : {}),
      "cac:AccountingSupplierParty": { "cac:Party": party(invoice.seller) },
      "cac:AccountingCustomerParty": { "cac:Party": party(invoice.buyer) },
      "cac:PaymentMeans": [
        {
          "cbc:PaymentMeansCode": "58", // SEPA credit transfer
          ...(invoice.variableSymbol ? { "cbc:PaymentID": `/VS${invoice.variableSymbol}/SS/KS` } : {}),
          "cac:PayeeFinancialAccount": { "cbc:ID": iban, "cbc:Name": invoice.seller.name },
        },
      ],
      "cac:TaxTotal": [
        {
          "cbc:TaxAmount": money(totals.vatTotal),
          "cbc:TaxAmount@currencyID": currency,
          "cac:TaxSubtotal": totals.breakdown.map((b) => ({
            "cbc:TaxableAmount": money(b.taxable),
            "cbc:TaxableAmount@currencyID": currency,
            "cbc:TaxAmount": money(b.vat),
            "cbc:TaxAmount@currencyID": currency,
            "cac:TaxCategory": category(b.category, b.basisPoints, true),
          })),
        },
      ],
      "cac:LegalMonetaryTotal": {
        "cbc:LineExtensionAmount": money(totals.subtotal),
        "cbc:LineExtensionAmount@currencyID": currency,
        "cbc:TaxExclusiveAmount": money(totals.subtotal),
        "cbc:TaxExclusiveAmount@currencyID": currency,
        "cbc:TaxInclusiveAmount": money(totals.total),
        "cbc:TaxInclusiveAmount@currencyID": currency,
        "cbc:PayableAmount": money(totals.total),
        "cbc:PayableAmount@currencyID": currency,
      },
      "cac:InvoiceLine": lines.map((line, index) => ({
        "cbc:ID": String(index + 1),
        "cbc:InvoicedQuantity": formatQuantity(line.quantityMilli),
        "cbc:InvoicedQuantity@unitCode": line.unitCode ?? "C62",
        "cbc:LineExtensionAmount": money(line.net),
        "cbc:LineExtensionAmount@currencyID": currency,
        "cac:Item": {
          "cbc:Name": line.description,
          "cac:ClassifiedTaxCategory": category(line.category, rateOf.get(line.category)!),
        },
        "cac:Price": { "cbc:PriceAmount": money(line.unitPriceCents), "cbc:PriceAmount@currencyID": currency },
      })),
    },
  };
  return data as unknown as UblInvoice;
}

/** The UBL XML of an invoice; what the library's schema check refuses comes back as BAD_USER_INPUT. */
export async function invoiceUbl(invoice: InvoiceDocument): Promise<string> {
  const data = ublInvoiceData(invoice);
  // The library reports its findings through the logger and throws a bare "validation failed".
  const problems: string[] = [];
  const logger = {
    log() {},
    warn(m: string) {
      problems.push(m);
    },
    error(m: string) {
      problems.push(m);
    },
  };
  let xml: string | Uint8Array;
  try {
    xml = await new InvoiceService(logger).generate(data, { format: "UBL", lang: "sk" });
  } catch (error) {
    const detail = [(error as Error).message, ...problems].join("; ");
    throw AppError.badInput(`The e-invoice is not valid: ${detail}`, { reason: "INVALID_E_INVOICE" });
  }
  return typeof xml === "string" ? xml : new TextDecoder().decode(xml);
}
