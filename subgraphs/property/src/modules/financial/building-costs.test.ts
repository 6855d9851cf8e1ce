// Building costs, the annual settlement, the repair fund statement and the exports through the
// gateway: a supplier invoice of 1,000.00 € split by thirds gives parts that add up to the cent and
// is posted as a balanced double entry; a retry of the key is the same cost, another amount under
// it is CONFLICT; an owner sees only their own unit's part.
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";
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
  });
});
