// Building costs, the annual settlement, the repair fund statement and the exports through the
// gateway: a supplier invoice of 1,000.00 € split by thirds gives parts that add up to the cent and
// is posted as a balanced double entry; a retry of the key is the same cost, another amount under
// it is CONFLICT; an owner sees only their own unit's part. The settlement of a year sets each
// unit's part of the service costs against its advances, approval posts the differences once, and
// the unit's settlement PDF names its totals.
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";
import ExcelJS from "exceljs";
import { XMLParser } from "fast-xml-parser";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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

const RECORD_COST = /* GraphQL */ `
  mutation ($input: RecordBuildingCostInput!) {
    recordBuildingCost(input: $input) {
      id
      fund
      service
      amount {
        amount
      }
      incurredOn
      allocationKey
      building {
        id
      }
      shares {
        unit {
          id
        }
        weight
        amount {
          amount
        }
      }
    }
  }
`;
const COSTS = /* GraphQL */ `
  query ($b: ID!, $y: Int!) {
    buildingCosts(buildingId: $b, year: $y) {
      id
      supplierName
      amount {
        amount
      }
      shares {
        unit {
          id
        }
        amount {
          amount
        }
      }
    }
  }
`;

describe("building costs", () => {
  let org: string;
  let manager: string;
  let units: { unitId: string; ownerId: string }[];
  let buildingId: string;

  beforeAll(async () => {
    const db = stack.owner.prisma;
    org = (await createOrganization(db, "SVB Nákladová")).id;
    manager = (await createUser(db, "Správca", "Nákladov")).id;
    await addMember(db, org, manager);
    ({ buildingId, units } = await createOwnedBuilding(db, org, 3, [
      [1, 3],
      [1, 3],
      [1, 3],
    ]));
  });

  it("splits a supplier invoice by share to the cent, posts it once and shows an owner only their part", async () => {
    const token = await stack.tokenFor(manager, org, ["manager"]);
    const input = {
      buildingId,
      fund: "REPAIR_FUND",
      service: "Oprava strechy",
      supplierName: "Strechy s.r.o.",
      supplierInvoiceNumber: "FV-2025-001",
      amount: "1000.00",
      incurredOn: "2025-04-10",
      allocationKey: "OWNERSHIP_SHARE",
      idempotencyKey: "cost-roof",
    };
    const cost = ok(await stack.query(RECORD_COST, { input }, token)).recordBuildingCost;
    expect(cost).toMatchObject({ fund: "REPAIR_FUND", amount: { amount: "1000.00" }, incurredOn: "2025-04-10", building: { id: buildingId } });
    const parts = cost.shares.map((s: any) => s.amount.amount).sort();
    expect(parts).toEqual(["333.33", "333.33", "333.34"]);
    expect(cost.shares.every((s: any) => s.weight === "1/3")).toBe(true);

    // The same key: the same cost, nothing posted twice; another amount under it: CONFLICT.
    expect(ok(await stack.query(RECORD_COST, { input }, token)).recordBuildingCost.id).toBe(cost.id);
    expect(codeOf(await stack.query(RECORD_COST, { input: { ...input, amount: "999.00" } }, token))).toBe("CONFLICT");
    // The same supplier invoice under a new key: CONFLICT, not a second cost.
    expect(codeOf(await stack.query(RECORD_COST, { input: { ...input, idempotencyKey: "cost-roof-2" } }, token))).toBe("CONFLICT");
    expect(await stack.owner.prisma.buildingCost.count({ where: { organizationId: org } })).toBe(1);

    // One balanced posting: the repair fund is debited, suppliers credited.
    const lines = await stack.owner.prisma.financialTransaction.findMany({ where: { postingId: cost.id }, include: { account: true } });
    expect(lines.map((l) => [l.kind, l.account.kind, l.amount.toFixed(2)]).sort()).toEqual([
      ["CREDIT", "OTHER", "1000.00"],
      ["DEBIT", "REPAIR_FUND", "1000.00"],
    ]);
    const fund = ok(await stack.query(`query ($b: ID!) { building(id: $b) { repairFund(asOf: "2025-12-31") { amount } } }`, { b: buildingId }, token));
    expect(fund.building.repairFund.amount).toBe("-1000.00");

    // Bad input: a stable code and nothing written.
    expect(codeOf(await stack.query(RECORD_COST, { input: { ...input, amount: "-5.00", idempotencyKey: "cost-bad" } }, token))).toBe("BAD_USER_INPUT");
    expect(
      codeOf(
        await stack.query(RECORD_COST, { input: { ...input, supplierInvoiceNumber: "X", allocationKey: "FLOOR_AREA", idempotencyKey: "cost-area" } }, token),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.buildingCost.count({ where: { organizationId: org } })).toBe(1);

    // The owner of unit 1 sees the cost and only unit 1's part.
    const ownerToken = await stack.tokenFor(units[0]!.ownerId, org, ["owner"]);
    const seen = ok(await stack.query(COSTS, { b: buildingId, y: 2025 }, ownerToken)).buildingCosts;
    expect(seen).toHaveLength(1);
    expect(seen[0].shares).toEqual([{ unit: { id: units[0]!.unitId }, amount: { amount: expect.any(String) } }]);
    // An owner cannot record a cost.
    expect(codeOf(await stack.query(RECORD_COST, { input: { ...input, idempotencyKey: "cost-owner" } }, ownerToken))).toBe("FORBIDDEN");
    // Another year: nothing.
    expect(ok(await stack.query(COSTS, { b: buildingId, y: 2024 }, token)).buildingCosts).toEqual([]);

    // Budget vs actual: the roof was budgeted at 800.00 and cost 1,000.00; the lift has a budget and no cost yet.
    const SET_BUDGET = `mutation ($b: ID!, $f: AdvanceFund!, $s: String!, $a: Decimal!) {
      setBudget(buildingId: $b, year: 2025, fund: $f, service: $s, amount: $a) { fund service budget { amount } actual { amount } remaining { amount } } }`;
    expect(ok(await stack.query(SET_BUDGET, { b: buildingId, f: "REPAIR_FUND", s: "Oprava strechy", a: "700.00" }, token)).setBudget).toMatchObject({
      budget: { amount: "700.00" },
      actual: { amount: "1000.00" },
    });
    ok(await stack.query(SET_BUDGET, { b: buildingId, f: "REPAIR_FUND", s: "Oprava strechy", a: "800.00" }, token));
    ok(await stack.query(SET_BUDGET, { b: buildingId, f: "OTHER", s: "Výťah", a: "300.00" }, token));
    expect(codeOf(await stack.query(SET_BUDGET, { b: buildingId, f: "OTHER", s: "Výťah", a: "-1.00" }, token))).toBe("BAD_USER_INPUT");
    expect(codeOf(await stack.query(SET_BUDGET, { b: buildingId, f: "OTHER", s: "Výťah", a: "1.00" }, ownerToken))).toBe("FORBIDDEN");
    const BUDGET = `query ($b: ID!) { budgetVsActual(buildingId: $b, year: 2025) { fund service budget { amount } actual { amount } remaining { amount } } }`;
    expect(ok(await stack.query(BUDGET, { b: buildingId }, ownerToken)).budgetVsActual).toEqual([
      { fund: "OTHER", service: "Výťah", budget: { amount: "300.00" }, actual: { amount: "0.00" }, remaining: { amount: "300.00" } },
      { fund: "REPAIR_FUND", service: "Oprava strechy", budget: { amount: "800.00" }, actual: { amount: "1000.00" }, remaining: { amount: "-200.00" } },
    ]);
  });
});

const SETTLEMENT = /* GraphQL */ `
  query ($b: ID!, $y: Int!) {
    annualSettlement(buildingId: $b, year: $y) {
      approved
      year
      units {
        unit {
          id
        }
        result
        totalCost {
          amount
        }
        totalAdvances {
          amount
        }
        difference {
          amount
        }
        lines {
          service
          allocationKey
          cost {
            amount
          }
          advances {
            amount
          }
          difference {
            amount
          }
        }
      }
    }
  }
`;
const APPROVE = /* GraphQL */ `
  mutation ($b: ID!, $y: Int!, $key: String!) {
    approveAnnualSettlement(buildingId: $b, year: $y, idempotencyKey: $key) {
      approved
      units {
        unit {
          id
        }
        difference {
          amount
        }
      }
    }
  }
`;
const BALANCE = `query ($u: ID!) { unitBalance(unitId: $u) { amount } }`;

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const amountOf = (value: bigint) => {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};

describe("annual settlement", () => {
  let org: string;
  let manager: string;
  let units: { unitId: string; ownerId: string }[];
  let buildingId: string;

  beforeAll(async () => {
    const db = stack.owner.prisma;
    org = (await createOrganization(db, "SVB Vyúčtovanie")).id;
    manager = (await createUser(db, "Správca", "Vyúčtovania")).id;
    await addMember(db, org, manager);
    ({ buildingId, units } = await createOwnedBuilding(db, org, 3, [
      [1, 3],
      [1, 3],
      [1, 3],
    ]));
  });

  it("sets each unit's part of the costs against its advances, posts the result once and prints the letter", async () => {
    const token = await stack.tokenFor(manager, org, ["manager"]);
    // Heat: 50.00 a month for units 1 and 2, 70.00 for unit 3; the repair fund 20.00 (never settled).
    for (const [index, { unitId }] of units.entries()) {
      const heat = index === 2 ? "70.00" : "50.00";
      for (const [fund, description, amount] of [
        ["OTHER", "Teplo", heat],
        ["REPAIR_FUND", "Fond opráv", "20.00"],
      ] as const) {
        ok(
          await stack.query(
            `mutation ($input: SetAdvancePaymentRuleInput!) { setAdvancePaymentRule(input: $input) { id } }`,
            { input: { unitId, fund, description, amount, validFrom: "2025-01-01" } },
            token,
          ),
        );
      }
    }
    for (const period of ["2025-01", "2025-02", "2025-03"]) {
      ok(await stack.query(`mutation ($p: String!) { issueInvoices(period: $p, idempotencyKey: $p) { issued } }`, { p: period }, token));
    }
    ok(
      await stack.query(
        RECORD_COST,
        {
          input: {
            buildingId,
            fund: "OTHER",
            service: "Teplo",
            supplierName: "Teplárne a.s.",
            supplierInvoiceNumber: "T-2025",
            amount: "500.00",
            incurredOn: "2025-03-31",
            allocationKey: "OWNERSHIP_SHARE",
            idempotencyKey: "heat-2025",
          },
        },
        token,
      ),
    );

    const preview = ok(await stack.query(SETTLEMENT, { b: buildingId, y: 2025 }, token)).annualSettlement;
    expect(preview.approved).toBe(false);
    expect(preview.units).toHaveLength(3);
    const costs = preview.units.map((u: any) => cents(u.totalCost.amount));
    expect(costs.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(50000n);
    for (const [index, { unitId }] of units.entries()) {
      const line = preview.units.find((u: any) => u.unit.id === unitId);
      const advances = index === 2 ? "210.00" : "150.00";
      expect(line.lines).toEqual([
        {
          service: "Teplo",
          allocationKey: "OWNERSHIP_SHARE",
          cost: line.totalCost,
          advances: { amount: advances },
          difference: { amount: amountOf(cents(advances) - cents(line.totalCost.amount)) },
        },
      ]);
      expect(line.result).toBe(index === 2 ? "OVERPAYMENT" : "ARREAR");
    }

    const before = await Promise.all(units.map(async ({ unitId }) => cents(ok(await stack.query(BALANCE, { u: unitId }, token)).unitBalance.amount)));
    expect(before).toEqual([21000n, 21000n, 27000n]);

    const approved = ok(await stack.query(APPROVE, { b: buildingId, y: 2025, key: "approve-2025" }, token)).approveAnnualSettlement;
    expect(approved.approved).toBe(true);
    const postings = () => stack.owner.prisma.ledgerPosting.count({ where: { organizationId: org, kind: { in: ["SETTLEMENT", "SETTLEMENT_CREDIT"] } } });
    expect(await postings()).toBe(3);
    // A retry: the same answer, nothing posted again; another key: CONFLICT.
    expect(ok(await stack.query(APPROVE, { b: buildingId, y: 2025, key: "approve-2025" }, token)).approveAnnualSettlement).toEqual(approved);
    expect(codeOf(await stack.query(APPROVE, { b: buildingId, y: 2025, key: "approve-2025-again" }, token))).toBe("CONFLICT");
    expect(await postings()).toBe(3);

    // Each balance moved by the unit's difference (an arrear owed, an overpayment credited), and the ledger still sums to zero.
    const after = await Promise.all(units.map(async ({ unitId }) => cents(ok(await stack.query(BALANCE, { u: unitId }, token)).unitBalance.amount)));
    for (const [index, { unitId }] of units.entries()) {
      const unit = preview.units.find((u: any) => u.unit.id === unitId);
      expect(after[index]).toBe(before[index]! - cents(unit.difference.amount));
    }
    const [sum] = await stack.owner.prisma.$queryRaw<{ total: string }[]>`
      SELECT coalesce(sum(CASE WHEN kind = 'DEBIT' THEN amount ELSE -amount END), 0)::text AS total
      FROM property.financial_transactions WHERE organization_id = ${org}::uuid`;
    expect(Number(sum!.total)).toBe(0);
    // The arrears are invoices the owners pay by variable symbol.
    const arrearInvoices = await stack.owner.prisma.invoice.findMany({ where: { organizationId: org, number: { startsWith: "V2025-" } } });
    expect(arrearInvoices).toHaveLength(2);
    // Later costs do not change what was approved.
    ok(
      await stack.query(
        RECORD_COST,
        {
          input: {
            buildingId,
            fund: "OTHER",
            service: "Teplo",
            supplierName: "Teplárne a.s.",
            supplierInvoiceNumber: "T-2025-dobropis",
            amount: "30.00",
            incurredOn: "2025-06-30",
            allocationKey: "OWNERSHIP_SHARE",
            idempotencyKey: "heat-2025-late",
          },
        },
        token,
      ),
    );
    const stored = ok(await stack.query(SETTLEMENT, { b: buildingId, y: 2025 }, token)).annualSettlement;
    expect(stored.units).toEqual(preview.units);

    // The owner of unit 1 sees only their unit; unit 2's settlement is NOT_FOUND to them.
    const ownerToken = await stack.tokenFor(units[0]!.ownerId, org, ["owner"]);
    const own = ok(await stack.query(SETTLEMENT, { b: buildingId, y: 2025 }, ownerToken)).annualSettlement;
    expect(own.units.map((u: any) => u.unit.id)).toEqual([units[0]!.unitId]);
    const DOCUMENT = `query ($u: ID!) { unitSettlement(unitId: $u, year: 2025) { result difference { amount } document { fileName contentType content } } }`;
    expect(codeOf(await stack.query(DOCUMENT, { u: units[1]!.unitId }, ownerToken))).toBe("NOT_FOUND");
    expect(codeOf(await stack.query(APPROVE, { b: buildingId, y: 2024, key: "owner-approve" }, ownerToken))).toBe("FORBIDDEN");

    // The owner's letter: a PDF that names the service and the totals.
    const mine = ok(await stack.query(DOCUMENT, { u: units[0]!.unitId }, ownerToken)).unitSettlement;
    expect(mine.document.contentType).toBe("application/pdf");
    const pdf = Buffer.from(mine.document.content, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Vyúčtovanie služieb za rok 2025");
    expect(flat).toContain("Teplo");
    expect(flat).toContain("Nedoplatok");
    const owed = amountOf(-cents(mine.difference.amount)).replace(".", ",");
    expect(flat).toContain(owed);
    expect(flat).toContain("Vlastník1 Bytu");

    // The owner's settlement arrear as an EN 16931 e-invoice: refused until the IBAN is set, then UBL
    // whose payable amount is the invoice's total (the library validated it before writing).
    const arrear = arrearInvoices.find((i) => i.unitId === units[0]!.unitId)!;
    const E_INVOICE = `query ($id: ID!) { invoice(id: $id) { number total { amount } eInvoice { fileName contentType content } } }`;
    const noIban = await stack.query(E_INVOICE, { id: arrear.id }, ownerToken);
    expect(noIban.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    ok(await stack.query(`mutation { setBankAccountIban(iban: "SK3156000000004400012359") }`, {}, token));
    const exported = ok(await stack.query(E_INVOICE, { id: arrear.id }, ownerToken)).invoice;
    expect(exported.eInvoice).toMatchObject({ fileName: `${arrear.number}.xml`, contentType: "application/xml" });
    const ubl = new XMLParser({ removeNSPrefix: true }).parse(Buffer.from(exported.eInvoice.content, "base64").toString("utf8"));
    expect(String(ubl.Invoice.ID)).toBe(arrear.number);
    expect(Number(ubl.Invoice.LegalMonetaryTotal.PayableAmount).toFixed(2)).toBe(exported.total.amount);
    expect(ubl.Invoice.AccountingCustomerParty.Party.PartyLegalEntity.RegistrationName).toBe("Vlastník1 Bytu");

    // The repair fund statement: a 2024 repair opens the year at −50.00, nine contributions of
    // 20.00 come in, a 100.00 repair goes out; the settlement and the heat costs do not touch it.
    for (const [number, amount, incurredOn] of [
      ["R-2024", "50.00", "2024-11-05"],
      ["R-2025", "100.00", "2025-05-20"],
    ] as const) {
      ok(
        await stack.query(
          RECORD_COST,
          {
            input: {
              buildingId,
              fund: "REPAIR_FUND",
              service: "Oprava výťahu",
              supplierName: "Výťahy a.s.",
              supplierInvoiceNumber: number,
              amount,
              incurredOn,
              allocationKey: "OWNERSHIP_SHARE",
              idempotencyKey: number,
            },
          },
          token,
        ),
      );
    }
    const STATEMENT = `query ($b: ID!, $y: Int!) { repairFundStatement(buildingId: $b, year: $y) {
      year openingBalance { amount } contributions { amount } spending { amount } otherMovements { amount } closingBalance { amount }
      costs { supplierInvoiceNumber amount { amount } } } }`;
    const statement = ok(await stack.query(STATEMENT, { b: buildingId, y: 2025 }, ownerToken)).repairFundStatement;
    expect(statement).toEqual({
      year: 2025,
      openingBalance: { amount: "-50.00" },
      contributions: { amount: "180.00" },
      spending: { amount: "100.00" },
      otherMovements: { amount: "0.00" },
      closingBalance: { amount: "30.00" },
      costs: [{ supplierInvoiceNumber: "R-2025", amount: { amount: "100.00" } }],
    });
    // The closing balance is what Building.repairFund says at the year's end.
    const fund = ok(await stack.query(`query ($b: ID!) { building(id: $b) { repairFund(asOf: "2025-12-31") { amount } } }`, { b: buildingId }, token));
    expect(fund.building.repairFund.amount).toBe("30.00");

    // Exports: the arrears as CSV name every unit with its balance; as XLSX the same rows read back.
    const ARREARS = `query ($f: ExportFormat!) { arrearsExport(format: $f) { fileName contentType content } }`;
    const csv = Buffer.from(ok(await stack.query(ARREARS, { f: "CSV" }, token)).arrearsExport.content, "base64").toString("utf8");
    const csvRows = csv
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
      .map((line) => line.split(";"));
    expect(csvRows[0]).toEqual(["Jednotka", "ID jednotky", "Saldo", "Nesplatné", "0–30 dní", "31–60 dní", "61–90 dní", "Nad 90 dní", "Preplatok"]);
    expect(csvRows).toHaveLength(4);
    for (const [index, { unitId }] of units.entries()) {
      const row = csvRows.find((r) => r[1] === unitId)!;
      expect(row[2]).toBe(amountOf(after[index]!).replace(".", ","));
    }
    const xlsx = ok(await stack.query(ARREARS, { f: "XLSX" }, token)).arrearsExport;
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, "base64") as any);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const xlsxRow = sheet.getRows(2, 3)!.find((r) => r.getCell(2).value === units[0]!.unitId)!;
    expect(Number(xlsxRow.getCell(3).value).toFixed(2)).toBe(amountOf(after[0]!));
    // The owner's export has their own unit only; the ledger is staff's.
    const ownCsv = Buffer.from(ok(await stack.query(ARREARS, { f: "CSV" }, ownerToken)).arrearsExport.content, "base64").toString("utf8");
    expect(ownCsv).toContain(units[0]!.unitId);
    expect(ownCsv).not.toContain(units[1]!.unitId);
    const LEDGER = `query ($y: Int!) { ledgerExport(year: $y, format: CSV) { content } }`;
    expect(codeOf(await stack.query(LEDGER, { y: 2025 }, ownerToken))).toBe("FORBIDDEN");
    // The ledger of 2025: its debits equal its credits.
    const ledger = Buffer.from(ok(await stack.query(LEDGER, { y: 2025 }, token)).ledgerExport.content, "base64").toString("utf8");
    const ledgerRows = ledger
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(";"));
    expect(ledgerRows.length).toBeGreaterThan(10);
    const total = (column: number) => ledgerRows.reduce((sum, r) => sum + cents(r[column]!.replace(",", ".")), 0n);
    expect(total(6)).toBe(total(7));
  });
});
