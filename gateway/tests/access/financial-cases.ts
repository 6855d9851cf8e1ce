// Access cases of the financial module. Staff (financial:write) see and move the organization's
// money; an owner reads only the units they own (a neighbour's unit, invoice or rules answer
// NOT_FOUND, and lists leave them out). A tenant who lives in a unit and owns nothing sees none of
// its money: the association bills the owner (deny by default). Residents move no money (FORBIDDEN).
// Mutations that would legitimately work in the other tenant's own organization get input that
// is invalid for everyone, so nothing changes.
import type { AccessCase, DeniedCaller } from "./cases.ts";
import type { World } from "./world.ts";

/** neighbourA owns unitA2 of the same building, not unitA. */
const neighbour: DeniedCaller = { who: "the owner of the neighbouring unit", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" };
/** userA owns and lives in unitA: a resident, not staff. */
const resident: DeniedCaller = { who: "the unit's own owner (not staff)", as: (w) => ({ userId: w.userA, roles: ["owner"] }), gets: "FORBIDDEN" };
/** tenantA lives in unitA and owns nothing. */
const tenant: DeniedCaller = { who: "the unit's tenant who owns nothing", as: (w) => ({ userId: w.tenantA, roles: ["tenant"] }), gets: "missing" };
const tenantHidden = (hidden: (w: World) => string[]): DeniedCaller => ({ ...tenant, gets: { hidden } });
const tenantRefused: DeniedCaller = { ...tenant, gets: "FORBIDDEN" };

export const financialCases: AccessCase[] = [
  {
    field: "Query.invoices",
    document: `{ invoices(first: 50) { totalCount edges { node { id number unit { id } total { amount } } } } }`,
    variables: () => ({}),
    permission: "financial:read",
    kind: "list",
    denied: [{ ...neighbour, gets: { hidden: (w) => [w.invoiceA, w.unitA] } }, tenantHidden((w) => [w.invoiceA, w.unitA])],
  },
  {
    field: "Query.invoice",
    // With the invoice's files: the PDF and the e-invoice are the invoice's, with its reach.
    document: `query ($id: ID!) { invoice(id: $id) { id number items { id description } payments { id } payBySquare document { fileName content } eInvoice { fileName } } }`,
    variables: (w) => ({ id: w.invoiceA }),
    permission: "financial:read",
    kind: "byId",
    denied: [neighbour, tenant],
  },
  {
    field: "Query.payments",
    document: `{ payments(first: 50) { totalCount edges { node { id amount { amount } unit { id } invoice { id } } } } }`,
    variables: () => ({}),
    permission: "financial:read",
    kind: "list",
    denied: [
      { ...neighbour, gets: { hidden: (w) => [w.paymentA, w.unitPaymentA, w.invoiceA, w.unitA] } },
      tenantHidden((w) => [w.paymentA, w.unitPaymentA, w.invoiceA, w.unitA]),
    ],
  },
  {
    field: "Query.unmatchedPayments",
    document: `{ unmatchedPayments(first: 50) { totalCount edges { node { id payerName } } } }`,
    variables: () => ({}),
    permission: "financial:write",
    kind: "list",
    denied: [resident, tenantRefused],
  },
  {
    field: "Query.arrears",
    document: `{ arrears(asOf: "2025-06-30") { unit { id } balance { amount } over90 { amount } } }`,
    variables: () => ({}),
    permission: "financial:read",
    kind: "list",
    denied: [{ ...neighbour, gets: { hidden: (w) => [w.unitA] } }, tenantHidden((w) => [w.unitA])],
  },
  {
    field: "Query.unitBalance",
    document: `query ($u: ID!) { unitBalance(unitId: $u) { amount currency } }`,
    variables: (w) => ({ u: w.unitA }),
    permission: "financial:read",
    kind: "byId",
    denied: [neighbour, tenant],
  },
  {
    field: "Query.advancePaymentRules",
    document: `query ($u: ID!) { advancePaymentRules(unitId: $u) { id amount { amount } } }`,
    variables: (w) => ({ u: w.unitA }),
    permission: "financial:read",
    kind: "byId",
    denied: [neighbour, tenant],
  },
  {
    field: "Mutation.setAdvancePaymentRule",
    document: `mutation ($u: ID!) {
      setAdvancePaymentRule(input: { unitId: $u, fund: OPERATING, description: "Správa", amount: "12.00", validFrom: "2025-02-01" }) { id } }`,
    variables: (w) => ({ u: w.unitA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    field: "Mutation.endAdvancePaymentRule",
    document: `mutation ($id: ID!) { endAdvancePaymentRule(id: $id, validTo: "2025-06-30") { id validTo } }`,
    variables: (w) => ({ id: w.ruleA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    // An impossible month: the other tenant's own organization is refused too, nothing is issued.
    field: "Mutation.issueInvoices",
    document: `mutation { issueInvoices(period: "2025-13", idempotencyKey: "matrix-issue") { issued } }`,
    variables: () => ({}),
    permission: "financial:write",
    kind: "list",
    denied: [tenantRefused, resident],
  },
  {
    field: "Mutation.creditInvoice",
    document: `mutation ($id: ID!) { creditInvoice(invoiceId: $id, reason: "Chyba", idempotencyKey: "matrix-credit") { id } }`,
    variables: (w) => ({ id: w.invoiceA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    field: "Mutation.recordPayment",
    document: `mutation ($u: ID!) { recordPayment(input: { unitId: $u, amount: "10.00", paidOn: "2025-01-10", idempotencyKey: "matrix-pay" }) { id } }`,
    variables: (w) => ({ u: w.unitA }),
    permission: "financial:write",
    kind: "byId",
    denied: [tenantRefused, resident],
  },
  {
    // Not a statement: refused before anything is written, in any organization.
    field: "Mutation.importBankStatement",
    document: `mutation { importBankStatement(format: CAMT053, content: "not a statement", idempotencyKey: "matrix-import") { created } }`,
    variables: () => ({}),
    permission: "financial:write",
    kind: "list",
    denied: [resident, tenantRefused],
  },
  {
    field: "Mutation.matchPayment",
    document: `mutation ($p: ID!, $u: ID!) { matchPayment(paymentId: $p, unitId: $u, idempotencyKey: "matrix-match") { id } }`,
    variables: (w) => ({ p: w.paymentA, u: w.unitA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    // An invalid IBAN: refused in any organization.
    field: "Mutation.setBankAccountIban",
    document: `mutation { setBankAccountIban(iban: "SK00 0000") }`,
    variables: () => ({}),
    permission: "financial:write",
    kind: "list",
    denied: [resident, tenantRefused],
  },
  {
    field: "Query.buildingCosts",
    document: `query ($b: ID!) { buildingCosts(buildingId: $b, year: 2025) { id amount { amount } shares { unit { id } amount { amount } } } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:read",
    kind: "byId",
    // The neighbour lives in the building: they see its costs, but not unitA's part.
    denied: [{ ...neighbour, gets: { hidden: (w) => [w.unitA] } }, tenant],
  },
  {
    field: "Mutation.recordBuildingCost",
    document: `mutation ($b: ID!) {
      recordBuildingCost(input: { buildingId: $b, fund: REPAIR_FUND, service: "Výťah", supplierName: "Výťahy a.s.", supplierInvoiceNumber: "M-1",
        amount: "120.00", incurredOn: "2025-05-02", allocationKey: OWNERSHIP_SHARE, idempotencyKey: "matrix-cost" }) { id } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    field: "Query.annualSettlement",
    document: `query ($b: ID!) { annualSettlement(buildingId: $b, year: 2025) { approved units { unit { id } difference { amount } } } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:read",
    kind: "byId",
    denied: [{ ...neighbour, gets: { hidden: (w) => [w.unitA] } }, tenant],
  },
  {
    field: "Query.unitSettlement",
    document: `query ($u: ID!) { unitSettlement(unitId: $u, year: 2025) { result totalCost { amount } lines { service } document { fileName content } } }`,
    variables: (w) => ({ u: w.unitA }),
    permission: "financial:read",
    kind: "byId",
    denied: [neighbour, tenant],
  },
  {
    field: "Mutation.approveAnnualSettlement",
    document: `mutation ($b: ID!) { approveAnnualSettlement(buildingId: $b, year: 2025, idempotencyKey: "matrix-approve") { approved } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
  {
    field: "Query.repairFundStatement",
    document: `query ($b: ID!) { repairFundStatement(buildingId: $b, year: 2025) { closingBalance { amount } costs { id } } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:read",
    kind: "byId",
    // An owner in the building (the neighbour) reads its fund; a tenant who owns nothing does not.
    denied: [tenant],
  },
  {
    // The content is base64: the owner-only filtering is shown in building-costs.test.ts.
    field: "Query.arrearsExport",
    document: `{ arrearsExport(asOf: "2025-06-30", format: CSV) { fileName content } }`,
    variables: () => ({}),
    permission: "financial:read",
    kind: "list",
  },
  {
    field: "Query.ledgerExport",
    document: `{ ledgerExport(year: 2025, format: CSV) { fileName content } }`,
    variables: () => ({}),
    permission: "financial:read",
    kind: "list",
    denied: [resident, tenantRefused],
  },
  {
    field: "Query.budgetVsActual",
    document: `query ($b: ID!) { budgetVsActual(buildingId: $b, year: 2025) { fund service actual { amount } } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:read",
    kind: "byId",
    denied: [tenant],
  },
  {
    field: "Mutation.setBudget",
    document: `mutation ($b: ID!) { setBudget(buildingId: $b, year: 2025, fund: OTHER, service: "Výťah", amount: "100.00") { budget { amount } } }`,
    variables: (w) => ({ b: w.buildingA }),
    permission: "financial:write",
    kind: "byId",
    denied: [resident, tenantRefused],
  },
];
