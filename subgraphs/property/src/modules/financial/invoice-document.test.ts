// Invoice.document through the gateway: the owner of a unit downloads its March prescription as a
// PDF that names the seller's IBAN, the owner, the unit, the variable symbol, the items, the VAT
// and the totals, with a PAY by square QR image that decodes to what is still due (after a partial
// payment, the rest); the credit note that cancels it prints as a credit note without a code. The
// document is the invoice's: a neighbour asking for it gets NOT_FOUND like a missing invoice.
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";
import jsqr from "jsqr";
import { extractImages, extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPayBySquare } from "./pay-by-square.ts";

// jsqr is CommonJS with an ES-module default: the function is its `default` under every loader.
const jsQR = jsqr.default;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
function ok<T = any>(result: GraphQLResponse<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const INVOICE = /* GraphQL */ `
  query ($id: ID!) {
    invoice(id: $id) {
      number
      variableSymbol
      dueOn
      total {
        amount
      }
      amountDue {
        amount
      }
      payBySquare
      document {
        fileName
        contentType
        content
      }
    }
  }
`;

async function pdfOf(document: { content: string }) {
  // pdf.js takes over the bytes it is given: each reading gets its own copy.
  const pdf = Buffer.from(document.content, "base64");
  const text = (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, " ");
  const codes = (await extractImages(new Uint8Array(pdf), 1)).flatMap((image) => {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels >= 3 ? c : 0)]!;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, image.width, image.height);
    return code ? [code.data] : [];
  });
  return { text, codes };
}

describe("invoice PDF through the gateway", () => {
  it("prints the owner's invoice with its totals and a PAY by square code of what is due, and the credit note", async () => {
    const db = stack.owner.prisma;
    const org = (await createOrganization(db, "SVB Hlboká 12")).id;
    const manager = (await createUser(db, "Správca", "Dokladov")).id;
    await addMember(db, org, manager);
    const { units } = await createOwnedBuilding(db, org, 2);
    const [mine, neighbours] = units as [{ unitId: string; ownerId: string }, { unitId: string; ownerId: string }];
    const staff = await stack.tokenFor(manager, org, ["manager"]);
    const owner = await stack.tokenFor(mine.ownerId, org, ["owner"]);
    const neighbour = await stack.tokenFor(neighbours.ownerId, org, ["owner"]);

    ok(await stack.query(`mutation { setBankAccountIban(iban: "SK31 1200 0000 1987 4263 7541") }`, {}, staff));
    const SET_RULE = `mutation ($input: SetAdvancePaymentRuleInput!) { setAdvancePaymentRule(input: $input) { id } }`;
    for (const rule of [
      { fund: "REPAIR_FUND", description: "Fond opráv", amount: "45.20" },
      { fund: "OTHER", description: "Teplo", amount: "60.00", vatRate: "23.00" },
    ]) {
      for (const { unitId } of units) ok(await stack.query(SET_RULE, { input: { unitId, validFrom: "2025-03-01", ...rule } }, staff));
    }
    ok(await stack.query(`mutation { issueInvoices(period: "2025-03", idempotencyKey: "march") { issued } }`, {}, staff));
    const id = ok(await stack.query(`query ($u: ID!) { invoices(filter: { unitId: $u }) { edges { node { id } } } }`, { u: mine.unitId }, owner)).invoices
      .edges[0].node.id;

    const invoice = ok(await stack.query(INVOICE, { id }, owner)).invoice;
    // 45.20 exempt + 60.00 + 23 % VAT (13.80) = 119.00.
    expect(invoice.total.amount).toBe("119.00");
    expect(invoice.document).toMatchObject({ fileName: `${invoice.number}.pdf`, contentType: "application/pdf" });
    const printed = await pdfOf(invoice.document);
    expect(printed.text).toContain(`Faktúra č. ${invoice.number}`);
    expect(printed.text).toContain("IBAN: SK31 1200 0000 1987 4263 7541");
    expect(printed.text).toContain("Vlastník1 Bytu");
    expect(printed.text).toContain("Byt: 1");
    expect(printed.text).toContain(`Variabilný symbol: ${invoice.variableSymbol}`);
    expect(printed.text).toContain("Dátum splatnosti: 15.03.2025");
    expect(printed.text).toContain("Teplo 1 60,00 € 23 % 60,00 €");
    expect(printed.text).toContain("23 % 60,00 € 13,80 € 73,80 €");
    expect(printed.text).toContain("Celkom 119,00 €");
    expect(printed.text).toContain("Zostáva uhradiť 119,00 €");
    expect(printed.codes).toEqual([invoice.payBySquare]);
    expect(readPayBySquare(printed.codes[0]!)).toMatchObject({
      payeeIban: "SK3112000000198742637541",
      amount: 11900n,
      variableSymbol: invoice.variableSymbol,
      dueOn: invoice.dueOn,
    });

    // The neighbour's document request is a missing invoice.
    expect(codeOf(await stack.query(INVOICE, { id }, neighbour))).toBe("NOT_FOUND");

    // After 19.00 paid the code asks for the remaining 100.00.
    ok(
      await stack.query(
        `mutation ($u: ID!) { recordPayment(input: { unitId: $u, amount: "19.00", paidOn: "2025-03-05", idempotencyKey: "part" }) { id } }`,
        { u: mine.unitId },
        staff,
      ),
    );
    const partlyPaid = await pdfOf(ok(await stack.query(INVOICE, { id }, owner)).invoice.document);
    expect(partlyPaid.text).toContain("Uhradené 19,00 €");
    expect(partlyPaid.text).toContain("Zostáva uhradiť 100,00 €");
    expect(readPayBySquare(partlyPaid.codes[0]!).amount).toBe(10000n);

    const credit = ok(
      await stack.query(
        `mutation ($id: ID!) { creditInvoice(invoiceId: $id, reason: "Chybný predpis", idempotencyKey: "credit") { id number document { content } } }`,
        { id },
        staff,
      ),
    ).creditInvoice;
    const creditNote = await pdfOf(credit.document);
    expect(creditNote.text).toContain(`Dobropis č. ${credit.number}`);
    expect(creditNote.text).toContain(`Opravný doklad k faktúre č. ${invoice.number}`);
    expect(creditNote.text).toContain("Celkom -119,00 €");
    expect(creditNote.text).toContain("Chybný predpis");
    expect(creditNote.codes).toEqual([]);
  });
});
