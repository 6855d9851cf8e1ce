import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parseAmount } from "./money.ts";
import { invoiceUbl, type InvoiceDocument } from "./ubl.ts";

const invoice: InvoiceDocument = {
  number: "FA-2025-0031",
  issuedOn: "2025-03-01",
  dueOn: "2025-03-15",
  periodFrom: "2025-03-01",
  periodTo: "2025-03-31",
  currency: "EUR",
  variableSymbol: "2025031001",
  note: "Nájom nebytového priestoru a služby",
  seller: {
    name: "Spoločenstvo vlastníkov bytov Hlboká 12",
    street: "Hlboká 12",
    city: "Bratislava",
    postalCode: "81104",
    country: "SK",
    vatId: "SK2020123456",
    companyId: "12345678",
    email: "svb@hlboka12.sk",
    iban: "SK3112000000198742637541",
  },
  buyer: { name: "Kaderníctvo Žofia s.r.o.", street: "Hlboká 12", city: "Bratislava", postalCode: "81104", country: "SK", email: "zofia@example.sk" },
  lines: [
    { description: "Nájom nebytového priestoru", quantity: "1", unitPrice: "250.00", category: "STANDARD" },
    { description: "Upratovanie spoločných priestorov", quantity: "2.5", unitPrice: "10.05", category: "STANDARD", unitCode: "HUR" },
    { description: "Nájom bytu", quantity: "1", unitPrice: "400.00", category: "EXEMPT" },
  ],
};

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ["InvoiceLine", "TaxSubtotal", "TaxTotal"].includes(name),
});
const cents = (node: any) => parseAmount(typeof node === "object" ? node["#text"] : node);

describe("UBL e-invoice (EN 16931)", () => {
  it("writes an invoice whose totals satisfy the EN 16931 calculation rules", async () => {
    const xml = await invoiceUbl(invoice);
    const ubl = parser.parse(xml).Invoice;
    // The library offers no offline Schematron run, so the core business rules are checked here.
    expect(ubl.CustomizationID).toBe("urn:cen.eu:en16931:2017"); // BR-01
    expect(ubl.ID).toBe("FA-2025-0031"); // BR-02
    expect(ubl.IssueDate).toBe("2025-03-01"); // BR-03
    expect(ubl.InvoiceTypeCode).toBe("380"); // BR-04
    expect(ubl.DocumentCurrencyCode).toBe("EUR"); // BR-05
    expect(ubl.AccountingSupplierParty.Party.PartyLegalEntity.RegistrationName).toBe("Spoločenstvo vlastníkov bytov Hlboká 12"); // BR-06
    expect(ubl.AccountingCustomerParty.Party.PartyLegalEntity.RegistrationName).toBe("Kaderníctvo Žofia s.r.o."); // BR-07
    expect(ubl.PaymentMeans.PayeeFinancialAccount.ID).toBe("SK3112000000198742637541");
    expect(ubl.PaymentMeans.PaymentID).toBe("/VS2025031001/SS/KS");

    const lines = ubl.InvoiceLine;
    expect(lines).toHaveLength(3); // BR-16
    expect(lines.map((l: any) => cents(l.LineExtensionAmount))).toEqual([25000n, 2513n, 40000n]); // 2.5 × 10.05 = 25.125 → 25.13
    const totals = ubl.LegalMonetaryTotal;
    const lineSum = lines.reduce((s: bigint, l: any) => s + cents(l.LineExtensionAmount), 0n);
    expect(cents(totals.LineExtensionAmount)).toBe(lineSum); // BR-CO-10
    const taxTotal = ubl.TaxTotal[0];
    const subtotals = taxTotal.TaxSubtotal;
    expect(cents(taxTotal.TaxAmount)).toBe(subtotals.reduce((s: bigint, t: any) => s + cents(t.TaxAmount), 0n)); // BR-CO-14
    expect(cents(totals.TaxInclusiveAmount)).toBe(cents(totals.TaxExclusiveAmount) + cents(taxTotal.TaxAmount)); // BR-CO-15
    const standard = subtotals.find((t: any) => t.TaxCategory.ID === "S");
    expect(cents(standard.TaxableAmount)).toBe(27513n); // BR-S-08
    expect(standard.TaxCategory.Percent).toBe("23");
    expect(cents(standard.TaxAmount)).toBe(6328n); // 275.13 × 23 % = 63.2799 → 63.28
    const exempt = subtotals.find((t: any) => t.TaxCategory.ID === "E");
    expect(cents(exempt.TaxAmount)).toBe(0n); // BR-E-09
    expect(exempt.TaxCategory.TaxExemptionReason).toMatch(/§ 38/); // BR-E-10
    expect(cents(totals.PayableAmount)).toBe(27513n + 6328n + 40000n);
  });

  it("uses the rate valid on the date of supply", async () => {
    const ubl = parser.parse(await invoiceUbl({ ...invoice, issuedOn: "2025-01-05", suppliedOn: "2024-12-31" })).Invoice;
    expect(ubl.TaxTotal[0].TaxSubtotal.find((t: any) => t.TaxCategory.ID === "S").TaxCategory.Percent).toBe("20");
  });

  it("is refused by the library's schema check when a field is malformed", async () => {
    await expect(invoiceUbl({ ...invoice, dueOn: "15. 3. 2025" })).rejects.toThrow(/e-invoice is not valid.*DueDate/s);
    await expect(invoiceUbl({ ...invoice, lines: [] })).rejects.toThrow(/at least one line/);
    await expect(invoiceUbl({ ...invoice, seller: { ...invoice.seller, iban: "SK00" } })).rejects.toThrow(/IBAN/);
  });
});
