import jsqr from "jsqr";
import { extractImages, extractText } from "unpdf";
import { describe, expect, it } from "vitest";
import { invoicePdf, vatRecapitulation, type InvoicePdfInput } from "./invoice-pdf.ts";
import { payBySquare, readPayBySquare } from "./pay-by-square.ts";

// jsqr is CommonJS with an ES-module default: the function is its `default` under every loader.
const jsQR = jsqr.default;

const seller = {
  name: "Spoločenstvo vlastníkov bytov Hlboká 12",
  address: ["Hlboká 12", "811 04 Bratislava"],
  companyId: "42123456",
  iban: "SK31 1200 0000 1987 4263 7541",
};

const items = [
  { description: "Fond prevádzky, údržby a opráv", quantityMilli: 1000n, unitPrice: 4520n, vatBasisPoints: 0, net: 4520n },
  { description: "Teplo – záloha", quantityMilli: 1000n, unitPrice: 6000n, vatBasisPoints: 2300, net: 6000n },
  { description: "Výťah – záloha", quantityMilli: 1500n, unitPrice: 1001n, vatBasisPoints: 2300, net: 1502n },
];

const payload = payBySquare({
  payeeIban: seller.iban,
  payeeName: seller.name,
  amount: 13247n,
  currency: "EUR",
  variableSymbol: "1012",
  dueOn: "2025-03-15",
  invoiceNumber: "P202503-1012",
  note: "P202503-1012",
});

const invoice: InvoicePdfInput = {
  number: "P202503-1012",
  issuedOn: "2025-03-01",
  dueOn: "2025-03-15",
  periodFrom: "2025-03-01",
  periodTo: "2025-03-31",
  variableSymbol: "1012",
  seller,
  buyer: { name: "Ľubomír Šťastný, Zuzana Šťastná", address: ["Hlboká 12", "811 04 Bratislava"] },
  unitLabel: "12",
  items,
  // 45.20 exempt; 60.00 + 15.02 at 23 %: VAT 17.2546 → 17.25.
  subtotal: 11522n,
  vatTotal: 1725n,
  total: 13247n,
  amountPaid: 0n,
  payBySquare: payload,
};

const textOf = async (pdf: Buffer) => (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, " ");

/** The QR code images on the first page, decoded as a banking app would from the printed page. */
async function qrCodesOf(pdf: Buffer): Promise<string[]> {
  const images = await extractImages(new Uint8Array(pdf), 1);
  return images.flatMap((image) => {
    // jsQR wants RGBA; pdf.js hands the PNG's pixels as gray, RGB or RGBA.
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels >= 3 ? c : 0)]!;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, image.width, image.height);
    return code ? [code.data] : [];
  });
}

describe("invoice PDF", () => {
  it("names the parties, the unit, the variable symbol, the items, the VAT by rate and the totals", async () => {
    const pdf = await invoicePdf(invoice);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await textOf(pdf);
    expect(text).toContain("Faktúra č. P202503-1012");
    expect(text).toContain("Spoločenstvo vlastníkov bytov Hlboká 12");
    expect(text).toContain("IBAN: SK31 1200 0000 1987 4263 7541");
    expect(text).toContain("Ľubomír Šťastný, Zuzana Šťastná");
    expect(text).toContain("Byt: 12");
    expect(text).toContain("Variabilný symbol: 1012");
    expect(text).toContain("Dátum splatnosti: 15.03.2025");
    expect(text).toContain("Výťah – záloha 1,5 10,01 € 23 % 15,02 €");
    // The recapitulation: 23 % on 75.02 € is 17.25 €; exempt items carry none.
    expect(text).toContain("23 % 75,02 € 17,25 € 92,27 €");
    expect(text).toContain("0 % 45,20 € 0,00 € 45,20 €");
    expect(text).toContain("Celkom 132,47 €");
    expect(text).toContain("Zostáva uhradiť 132,47 €");
    expect(text).toContain("PAY by square");
  });

  it("carries the PAY by square code as an image that decodes to the payment", async () => {
    const codes = await qrCodesOf(await invoicePdf(invoice));
    expect(codes).toEqual([payload]);
    expect(readPayBySquare(codes[0]!)).toMatchObject({
      payeeIban: "SK3112000000198742637541",
      amount: 13247n,
      variableSymbol: "1012",
      dueOn: "2025-03-15",
    });
  });

  it("prints a paid invoice without a code and a credit note with the invoice it cancels", async () => {
    const paid = await invoicePdf({ ...invoice, amountPaid: invoice.total, payBySquare: undefined });
    expect(await qrCodesOf(paid)).toEqual([]);
    expect(await textOf(paid)).toContain("Faktúra je uhradená.");

    const credit = await invoicePdf({
      ...invoice,
      number: "D-P202503-1012",
      creditsNumber: "P202503-1012",
      items: items.map((i) => ({ ...i, quantityMilli: i.quantityMilli, unitPrice: -i.unitPrice, net: -i.net })),
      subtotal: -invoice.subtotal,
      vatTotal: -invoice.vatTotal,
      total: -invoice.total,
      payBySquare: undefined,
    });
    const text = await textOf(credit);
    expect(text).toContain("Dobropis č. D-P202503-1012");
    expect(text).toContain("Opravný doklad k faktúre č. P202503-1012");
    expect(text).toContain("Celkom -132,47 €");
    expect(text).not.toContain("Zostáva uhradiť");
    expect(await qrCodesOf(credit)).toEqual([]);
  });

  it("recapitulates VAT once per rate on the sum of its lines", () => {
    // Two lines of 0.02 € at 23 %: 0.0046 each would round to 0.00 twice; on the sum 0.04 it is 0.01.
    const recap = vatRecapitulation([
      { description: "a", quantityMilli: 1000n, unitPrice: 2n, vatBasisPoints: 2300, net: 2n },
      { description: "b", quantityMilli: 1000n, unitPrice: 2n, vatBasisPoints: 2300, net: 2n },
    ]);
    expect(recap).toEqual([{ basisPoints: 2300, taxable: 4n, vat: 1n }]);
  });
});
