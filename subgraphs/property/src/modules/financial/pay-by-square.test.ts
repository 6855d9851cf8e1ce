import { describe, expect, it } from "vitest";
import { payBySquare, readPayBySquare } from "./pay-by-square.ts";

const invoice = {
  payeeIban: "SK31 1200 0000 1987 4263 7541",
  payeeName: "Spoločenstvo vlastníkov bytov Hlboká 12",
  amount: 15049n,
  currency: "EUR",
  variableSymbol: "2025031001",
  dueOn: "2025-03-15",
  note: "Zálohy marec 2025, byt 12",
  invoiceNumber: "FA-2025-0031",
};

describe("PAY by square", () => {
  it("encodes a payment that decodes to the same IBAN, amount, VS and due date", () => {
    const payload = payBySquare(invoice);
    expect(payload).toMatch(/^[0-9A-V]+$/); // base32hex, what the QR code holds
    const read = readPayBySquare(payload);
    expect(read).toMatchObject({ payeeIban: "SK3112000000198742637541", amount: 15049n, currency: "EUR", variableSymbol: "2025031001", dueOn: "2025-03-15" });
    // Banking apps choke on diacritics, so the library strips them.
    expect(read.payeeName).toBe("Spolocenstvo vlastnikov bytov Hlboka 12");
  });

  it("keeps large amounts exact to the cent", () => {
    expect(readPayBySquare(payBySquare({ ...invoice, amount: 123456789012n })).amount).toBe(123456789012n);
  });

  it("refuses an invalid IBAN, a non-positive amount and a malformed VS", () => {
    expect(() => payBySquare({ ...invoice, payeeIban: "SK3112000000198742637542" })).toThrow(/IBAN/);
    expect(() => payBySquare({ ...invoice, amount: 0n })).toThrow(/positive/);
    expect(() => payBySquare({ ...invoice, variableSymbol: "12345678901" })).toThrow(/variable symbol/);
  });
});
