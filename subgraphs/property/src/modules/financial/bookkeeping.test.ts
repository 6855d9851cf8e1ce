// The financial module on the database, under the property role and RLS: issuing a month for 72
// units, a building cost split by shares to the cent, a CAMT.053 import (matched, partial, over,
// unmatched; a repeat creates nothing), recordPayment's idempotency, credit notes, who reads which
// balance, and a property test: after random postings the ledger sums to zero and every balance
// is the sum of its lines.
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, TenantDb, type Caller, type DbHandle, type Tx } from "@ppt/server-kit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocate } from "./allocation.ts";
import { writePostings, ledgerTotal, accountBalances } from "./ledger-store.ts";
import { formatAmount } from "./money.ts";
import { creditInvoice, importBankStatement, issueInvoices, matchPayment, recordPayment, unitBalance } from "./service.ts";

let db: TestDatabase;
let owner: DbHandle;
let property: DbHandle;
let managerUserId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  property = connectDatabase(db.urlFor("property"), { max: 4 });
  managerUserId = (await owner.prisma.user.create({ data: { email: "manager@example.sk", firstName: "M", lastName: "M" } })).id;
});

afterAll(async () => {
  await property?.close();
  await owner?.close();
  await db?.drop();
});

/** A request per call: every read ends its transaction, as the end of a request does. */
class RequestPerCallDb extends TenantDb {
  override read<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    return super.read(run).finally(() => this.close());
  }
}

function callerOf(organizationId: string, permissions: string[], userId: string = randomUUID()): Caller {
  return { userId, organizationId, roles: [], permissions: new Set(permissions), audience: "ppt", sessionId: null, clientId: null, issuedAt: 0, expiresAt: 0 };
}
const manager = (organizationId: string) => ({
  caller: callerOf(organizationId, ["financial:read", "financial:write"], managerUserId),
  db: new RequestPerCallDb(property.prisma, { organizationId, userId: null }),
});

interface Org {
  id: string;
  buildingId: string;
  unitIds: string[];
}

/** An organization with one building of `units` flats, each 1/units of the building, and rules. */
async function createOrganization(
  units: number,
  rules: (index: number) => { fund: "REPAIR_FUND" | "OPERATING" | "OTHER"; description: string; amount: string; vatRate?: string }[],
): Promise<Org> {
  const slug = `fin-${randomUUID().slice(0, 8)}`;
  const org = await owner.prisma.organization.create({ data: { name: slug, slug, type: "HOUSING_COOPERATIVE", contactEmail: `${slug}@example.sk` } });
  const building = await owner.prisma.building.create({
    data: { organizationId: org.id, street: "Hlavná", streetNumber: "1", city: "Košice", postalCode: "04001" },
  });
  const unitIds: string[] = [];
  for (let i = 0; i < units; i++) {
    const unit = await owner.prisma.unit.create({
      data: { organizationId: org.id, buildingId: building.id, designation: `B${String(i + 1).padStart(3, "0")}`, shareNumerator: 1, shareDenominator: units },
    });
    unitIds.push(unit.id);
    for (const rule of rules(i)) {
      await owner.prisma.advancePaymentRule.create({
        data: {
          organizationId: org.id,
          unitId: unit.id,
          fund: rule.fund,
          description: rule.description,
          amount: rule.amount,
          vatRate: rule.vatRate ?? "0",
          validFrom: new Date("2026-01-01"),
        },
      });
    }
  }
  return { id: org.id, buildingId: building.id, unitIds };
}

async function variableSymbolOf(unitId: string): Promise<string> {
  const account = await owner.prisma.financialAccount.findFirstOrThrow({ where: { unitId, kind: "UNIT" } });
  return account.variableSymbol!;
}

function camt(entries: { ref: string; amount: string; vs?: string; iban?: string; bookedOn?: string }[]): string {
  const ntry = entries
    .map(
      (e) => `<Ntry><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${e.bookedOn ?? "2026-01-20"}</Dt></BookgDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
        <RltdPties><Dbtr><Nm>Platiteľ</Nm></Dbtr>${e.iban ? `<DbtrAcct><Id><IBAN>${e.iban}</IBAN></Id></DbtrAcct>` : ""}</RltdPties>
        ${e.vs ? `<RmtInf><Ustrd>/VS${e.vs}/SS/KS0308</Ustrd></RmtInf>` : ""}</TxDtls></NtryDtls></Ntry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>T</MsgId><CreDtTm>2026-01-31T23:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>S1</Id><CreDtTm>2026-01-31T23:00:00</CreDtTm>${ntry}</Stmt></BkToCstmrStmt></Document>`;
}

describe("issuing a month", () => {
  it("prescribes every one of 72 units exactly its rules, VAT by rate, posted balanced", async () => {
    const org = await createOrganization(72, (i) => [
      { fund: "REPAIR_FUND", description: "Fond opráv", amount: `${40 + i}.50` },
      { fund: "OPERATING", description: "Správa", amount: "12.00" },
      { fund: "OTHER", description: "Výťah", amount: "3.33", vatRate: "23.00" },
    ]);
    const ctx = manager(org.id);
    const result = await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "issue-2026-01" });
    expect(result.issued).toBe(72);
    const invoices = await owner.prisma.invoice.findMany({ where: { organizationId: org.id }, include: { items: true } });
    expect(invoices).toHaveLength(72);
    for (const invoice of invoices) {
      const i = org.unitIds.indexOf(invoice.unitId!);
      // 3.33 × 23 % = 0.7659 → 0.77 (HALF_UP, once per rate)
      expect(invoice.subtotal.toFixed(2)).toBe(formatAmount(BigInt((40 + i) * 100 + 50 + 1200 + 333)));
      expect(invoice.vatTotal.toFixed(2)).toBe("0.77");
      expect(invoice.total.toFixed(2)).toBe(formatAmount(BigInt((40 + i) * 100 + 50 + 1200 + 333 + 77)));
      expect(invoice.items.map((it) => it.total.toFixed(2)).sort()).toEqual([`${40 + i}.50`, "12.00", "3.33"].sort());
      expect(invoice.variableSymbol).toBe(await variableSymbolOf(invoice.unitId!));
    }
    // A retry returns the first answer; another key for the same month issues nothing new.
    expect(await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "issue-2026-01" })).toEqual(result);
    expect((await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "issue-2026-01-again" })).issued).toBe(0);
    await expect(issueInvoices(ctx, { period: "2026-02", idempotencyKey: "issue-2026-01" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await ctx.db.read((tx) => ledgerTotal(tx))).toBe(0n);
    const balance = await unitBalance(ctx, org.unitIds[0]!);
    expect(balance).toBe(invoices.find((inv) => inv.unitId === org.unitIds[0])!.total.toFixed(2));
  });

  it("splits 1,000.00 € over three units of 1/3 to exactly 1,000.00 € and posts the parts balanced", async () => {
    const org = await createOrganization(3, () => []);
    const units = await owner.prisma.unit.findMany({ where: { organizationId: org.id } });
    const parts = allocate(
      100000n,
      units.map((u) => ({ unitId: u.id, key: { kind: "OWNERSHIP_SHARE", share: { numerator: u.shareNumerator, denominator: u.shareDenominator } } })),
    );
    expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(100000n);
    expect(parts.map((p) => p.amount).sort()).toEqual([33333n, 33333n, 33334n]);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "accounts" }); // opens the accounts
    const fund = await owner.prisma.financialAccount.findFirstOrThrow({ where: { buildingId: org.buildingId, unitId: null, kind: "OPERATING" } });
    const accounts = await owner.prisma.financialAccount.findMany({ where: { organizationId: org.id, kind: "UNIT" } });
    const accountOf = new Map(accounts.map((a) => [a.unitId!, a.id]));
    await ctx.db.write((tx) =>
      writePostings(tx, org.id, [
        {
          id: randomUUID(),
          postedOn: "2026-01-31",
          kind: "ALLOCATION",
          description: "Náklad 1 000,00 €",
          lines: [
            { accountId: fund.id, side: "DEBIT", amount: 100000n },
            ...parts.map((p) => ({ accountId: accountOf.get(p.unitId)!, side: "CREDIT" as const, amount: p.amount })),
          ],
        },
      ]),
    );
    const balances = await ctx.db.read((tx) => accountBalances(tx, [...accountOf.values()]));
    expect([...balances.values()].reduce((s, b) => s + b, 0n)).toBe(-100000n);
  });

  it("refuses an unbalanced posting, in code and in the database", async () => {
    const org = await createOrganization(1, () => []);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "open" });
    const [a, b] = await owner.prisma.financialAccount.findMany({ where: { organizationId: org.id }, take: 2 });
    const unbalanced = {
      id: randomUUID(),
      postedOn: "2026-01-01",
      kind: "X",
      description: "x",
      lines: [
        { accountId: a!.id, side: "DEBIT" as const, amount: 100n },
        { accountId: b!.id, side: "CREDIT" as const, amount: 99n },
      ],
    };
    await expect(ctx.db.write((tx) => writePostings(tx, org.id, [unbalanced]))).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    const postingId = randomUUID();
    const direct = ctx.db.write(async (tx) => {
      await tx.$executeRaw`INSERT INTO property.ledger_postings (id, organization_id, posted_on, kind, description) VALUES (${postingId}::uuid, ${org.id}::uuid, '2026-01-01', 'X', 'x')`;
      await tx.$executeRaw`INSERT INTO property.financial_transactions (organization_id, posting_id, account_id, kind, amount, occurred_at) VALUES (${org.id}::uuid, ${postingId}::uuid, ${a!.id}::uuid, 'DEBIT', 1, now())`;
    });
    await expect(direct).rejects.toThrow();
    expect(await owner.prisma.ledgerPosting.count({ where: { id: postingId } })).toBe(0);
    // A later statement cannot unbalance a posting that balanced: the check covers each statement's lines.
    const balanced = { ...unbalanced, id: randomUUID(), lines: [unbalanced.lines[0]!, { ...unbalanced.lines[1]!, amount: 100n }] };
    await ctx.db.write((tx) => writePostings(tx, org.id, [balanced]));
    const extra = ctx.db.write(
      (tx) =>
        tx.$executeRaw`INSERT INTO property.financial_transactions (organization_id, posting_id, account_id, kind, amount, occurred_at) VALUES (${org.id}::uuid, ${balanced.id}::uuid, ${a!.id}::uuid, 'DEBIT', 1, now())`,
    );
    await expect(extra).rejects.toThrow(/does not balance/);
    expect(await owner.prisma.financialTransaction.count({ where: { postingId: balanced.id } })).toBe(2);
  });
});

describe("payments", () => {
  it("recordPayment retried with the same key returns the first result and posts once; another amount is CONFLICT", async () => {
    const org = await createOrganization(1, () => [{ fund: "REPAIR_FUND", description: "Fond opráv", amount: "100.00" }]);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "i" });
    const input = { unitId: org.unitIds[0]!, amount: "60.00", paidOn: "2026-01-10", idempotencyKey: "pay-1" };
    const first = await recordPayment(ctx, input);
    const again = await recordPayment(ctx, input);
    expect(again).toEqual(first);
    expect(first.status).toBe("PARTIAL");
    expect(await owner.prisma.payment.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await owner.prisma.financialTransaction.count({ where: { paymentId: first.paymentId } })).toBe(2);
    await expect(recordPayment(ctx, { ...input, amount: "61.00" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await unitBalance(ctx, org.unitIds[0]!)).toBe("40.00");
    const invoice = await owner.prisma.invoice.findFirstOrThrow({ where: { organizationId: org.id } });
    expect([invoice.status, invoice.amountPaid.toFixed(2)]).toEqual(["PARTIALLY_PAID", "60.00"]);
    // Paying beyond what is open is carried as credit.
    const over = await recordPayment(ctx, { ...input, amount: "70.00", idempotencyKey: "pay-2" });
    expect(over.status).toBe("OVERPAYMENT");
    expect(await unitBalance(ctx, org.unitIds[0]!)).toBe("-30.00");
  });

  it("imports a CAMT.053 statement: matched, partial, over and unmatched; importing it again changes nothing", async () => {
    const org = await createOrganization(4, () => [{ fund: "REPAIR_FUND", description: "Fond opráv", amount: "100.00" }]);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "i" });
    const [vs1, vs2, vs3] = await Promise.all(org.unitIds.slice(0, 3).map(variableSymbolOf));
    const xml = camt([
      { ref: "E1", amount: "100.00", vs: vs1 },
      { ref: "E2", amount: "40.00", vs: vs2 },
      { ref: "E3", amount: "150.00", vs: vs3 },
      { ref: "E4", amount: "77.00", vs: "999999" },
    ]);
    const summary = await importBankStatement(ctx, { content: xml, format: "CAMT053", idempotencyKey: "stmt-1" });
    expect(summary).toMatchObject({ created: 4, matched: 1, partial: 1, overpaid: 1, unmatched: 1, alreadyImported: 0 });
    const snapshot = async () => ({
      payments: await owner.prisma.payment.count({ where: { organizationId: org.id } }),
      lines: await owner.prisma.financialTransaction.count({ where: { organizationId: org.id } }),
    });
    const before = await snapshot();
    // The same statement under a new key (a second upload): nothing new.
    const repeat = await importBankStatement(ctx, { content: xml, format: "CAMT053", idempotencyKey: "stmt-1-again" });
    expect(repeat).toMatchObject({ created: 0, alreadyImported: 4 });
    expect(await snapshot()).toEqual(before);
    expect(await unitBalance(ctx, org.unitIds[0]!)).toBe("0.00");
    expect(await unitBalance(ctx, org.unitIds[1]!)).toBe("60.00");
    expect(await unitBalance(ctx, org.unitIds[2]!)).toBe("-50.00");
    // The manager matches the unmatched one to unit 4.
    const unmatched = await owner.prisma.payment.findFirstOrThrow({ where: { organizationId: org.id, matchStatus: "UNMATCHED" } });
    await matchPayment(ctx, { paymentId: unmatched.id, unitId: org.unitIds[3]!, idempotencyKey: "m-1" });
    expect(await unitBalance(ctx, org.unitIds[3]!)).toBe("23.00");
    expect(await ctx.db.read((tx) => ledgerTotal(tx))).toBe(0n);
  });
});

describe("credit notes", () => {
  it("cancels an invoice only by a credit note that mirrors it, once", async () => {
    const org = await createOrganization(1, () => [{ fund: "OPERATING", description: "Správa", amount: "25.00" }]);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "i" });
    const invoice = await owner.prisma.invoice.findFirstOrThrow({ where: { organizationId: org.id } });
    const { creditNoteId } = await creditInvoice(ctx, { invoiceId: invoice.id, reason: "Chybný predpis", idempotencyKey: "c-1" });
    const note = await owner.prisma.invoice.findUniqueOrThrow({ where: { id: creditNoteId } });
    expect(note.total.toFixed(2)).toBe("-25.00");
    expect((await owner.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("CANCELLED");
    expect(await unitBalance(ctx, org.unitIds[0]!)).toBe("0.00");
    await expect(creditInvoice(ctx, { invoiceId: invoice.id, reason: "again", idempotencyKey: "c-2" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(creditInvoice(ctx, { invoiceId: creditNoteId, reason: "x", idempotencyKey: "c-3" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("who reads which balance", () => {
  it("an owner reads their unit's balance, not a neighbour's; another organization reads nothing of A", async () => {
    const org = await createOrganization(2, () => [{ fund: "REPAIR_FUND", description: "Fond", amount: "10.00" }]);
    await issueInvoices(manager(org.id), { period: "2026-01", idempotencyKey: "i" });
    const user = await owner.prisma.user.create({ data: { email: `o-${randomUUID().slice(0, 8)}@example.sk`, firstName: "O", lastName: "W" } });
    await owner.prisma.unitOwnership.create({
      data: { organizationId: org.id, unitId: org.unitIds[0]!, userId: user.id, shareNumerator: 1, shareDenominator: 1, validFrom: new Date("2020-01-01") },
    });
    const ownerCtx = {
      caller: callerOf(org.id, ["financial:read"], user.id),
      db: new RequestPerCallDb(property.prisma, { organizationId: org.id, userId: user.id }),
    };
    expect(await unitBalance(ownerCtx, org.unitIds[0]!)).toBe("10.00");
    await expect(unitBalance(ownerCtx, org.unitIds[1]!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createOrganization(1, () => []);
    const otherManager = manager(other.id);
    await expect(unitBalance(otherManager, org.unitIds[0]!)).resolves.toBe("0.00"); // RLS: B sees no account of A's unit
    expect(await otherManager.db.read((tx) => tx.invoice.count())).toBe(0);
    await expect(recordPayment(otherManager, { unitId: org.unitIds[0]!, amount: "1.00", paidOn: "2026-01-10", idempotencyKey: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(recordPayment(ownerCtx, { unitId: org.unitIds[0]!, amount: "1.00", paidOn: "2026-01-10", idempotencyKey: "y" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("ledger invariants (property-based)", () => {
  it("after random payments, credits and cancellations the ledger sums to zero and balances equal their lines", async () => {
    const org = await createOrganization(3, (i) => [{ fund: "REPAIR_FUND", description: "Fond", amount: `${20 + i * 7}.15` }]);
    const ctx = manager(org.id);
    await issueInvoices(ctx, { period: "2026-01", idempotencyKey: "i-1" });
    await issueInvoices(ctx, { period: "2026-02", idempotencyKey: "i-2" });
    let step = 0;
    const action = fc.oneof(
      fc.record({ kind: fc.constant("pay" as const), unit: fc.nat(2), cents: fc.integer({ min: 1, max: 20000 }) }),
      fc.record({ kind: fc.constant("cancel" as const), unit: fc.nat(2), cents: fc.constant(0) }),
      fc.record({ kind: fc.constant("statement" as const), unit: fc.nat(2), cents: fc.integer({ min: 1, max: 9000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        for (const a of actions) {
          step++;
          const unitId = org.unitIds[a.unit]!;
          if (a.kind === "pay") await recordPayment(ctx, { unitId, amount: formatAmount(BigInt(a.cents)), paidOn: "2026-02-01", idempotencyKey: `p-${step}` });
          if (a.kind === "statement") {
            const vs = a.cents % 3 === 0 ? "424242" : await variableSymbolOf(unitId);
            await importBankStatement(ctx, {
              content: camt([{ ref: `R${step}`, amount: formatAmount(BigInt(a.cents)), vs }]),
              format: "CAMT053",
              idempotencyKey: `s-${step}`,
            });
          }
          if (a.kind === "cancel") {
            const open = await owner.prisma.invoice.findFirst({ where: { unitId, creditsInvoiceId: null, status: { not: "CANCELLED" } } });
            if (open) await creditInvoice(ctx, { invoiceId: open.id, reason: "test", idempotencyKey: `c-${step}` });
          }
        }
        expect(await ctx.db.read((tx) => ledgerTotal(tx))).toBe(0n);
        const unbalanced = await owner.prisma.$queryRaw<unknown[]>`
          SELECT posting_id FROM property.financial_transactions WHERE organization_id = ${org.id}::uuid
          GROUP BY posting_id HAVING sum(CASE WHEN kind = 'DEBIT' THEN amount ELSE -amount END) <> 0`;
        expect(unbalanced).toEqual([]);
        const sums = await owner.prisma.$queryRaw<{ account_id: string; total: string }[]>`
          SELECT account_id::text, sum(CASE WHEN kind = 'DEBIT' THEN amount ELSE -amount END)::text AS total
          FROM property.financial_transactions WHERE organization_id = ${org.id}::uuid GROUP BY account_id`;
        const balances = await ctx.db.read((tx) =>
          accountBalances(
            tx,
            sums.map((s) => s.account_id),
          ),
        );
        for (const s of sums) expect(formatAmount(balances.get(s.account_id)!)).toBe(s.total);
        // What each unit owes is what was prescribed (net of credit notes) minus what was paid to it.
        for (const unitId of org.unitIds) {
          const account = await owner.prisma.financialAccount.findFirstOrThrow({ where: { unitId, kind: "UNIT" } });
          const invoiced = await owner.prisma.invoice.aggregate({ where: { accountId: account.id }, _sum: { total: true } });
          const paid = await owner.prisma.payment.aggregate({ where: { accountId: account.id }, _sum: { amount: true } });
          const expected = (invoiced._sum.total?.toNumber() ?? 0) * 100 - (paid._sum.amount?.toNumber() ?? 0) * 100;
          expect(Math.round(expected)).toBe(Number(balances.get(account.id)));
        }
      }),
      { numRuns: 8 },
    );
  });
});
