// Finance benchmark: issuing one month's prescriptions for 10,000 units (100 buildings × 100
// flats, three advance items each) and importing a CAMT.053 statement of 10,000 entries (exact,
// partial, over- and unmatched payments), each one mutation through the gateway. Prints the
// times; the target is under 10 s each. Not part of npm test.
//
//   npx tsx bench/finance/run.ts [--units 10000] [--keep]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { permissionsOf } from "@ppt/property/organizations";
import { createBenchDatabase, graphql, startServices } from "../support/services.ts";

const { values } = parseArgs({ options: { units: { type: "string", default: "10000" }, keep: { type: "boolean", default: false } } });
const UNITS = Number(values.units);
const PER_BUILDING = 100;
const TARGET_MS = 10_000;

const ISSUE = /* GraphQL */ `
  mutation ($period: String!, $key: String!) {
    issueInvoices(period: $period, idempotencyKey: $key) {
      issued
      total {
        amount
      }
    }
  }
`;
const IMPORT = /* GraphQL */ `
  mutation ($content: String!, $key: String!) {
    importBankStatement(format: CAMT053, content: $content, idempotencyKey: $key) {
      entries
      created
      duplicates
      matched
      partial
      overpaid
      unmatched
    }
  }
`;

/** A statement paying each unit: most exactly, every 7th partly, every 11th too much, every 13th with an unknown symbol. */
function statement(accounts: { variable_symbol: string; total: string }[]): string {
  const entries = accounts.map(({ variable_symbol: vs, total }, i) => {
    const cents = Math.round(Number(total) * 100);
    const amount = i % 7 === 0 ? cents - 1000 : i % 11 === 0 ? cents + 500 : cents;
    const symbol = i % 13 === 0 ? `9${vs}` : vs;
    return `<Ntry><Amt Ccy="EUR">${(amount / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-01-1${i % 10}</Dt></BookgDt><AcctSvcrRef>B${i}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>/VS${symbol}/SS/KS0308</EndToEndId></Refs><RltdPties><Dbtr><Nm>Vlastník ${i}</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-01-31T23:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id><CreDtTm>2026-01-31T23:00:00</CreDtTm>${entries.join("")}</Stmt></BkToCstmrStmt></Document>`;
}

const db = await createBenchDatabase("ppt_bench_finance");
let services: Awaited<ReturnType<typeof startServices>> | null = null;
try {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  client.on("error", () => undefined); // the database is dropped at the end, with or without us
  await client.connect();
  const orgId = randomUUID();
  await client.query(
    `INSERT INTO platform.organizations (id, name, slug, type, contact_email, updated_at) VALUES ($1, 'Bench SVB', $2, 'HOUSING_COOPERATIVE', 'bench@example.sk', now())`,
    [orgId, `bench-${orgId}`],
  );
  const { rows: users } = await client.query<{ id: string }>(
    `INSERT INTO identity.users (email, first_name, last_name, updated_at) VALUES ($1, 'Bench', 'Správca', now()) RETURNING id`,
    [`bench-${orgId.slice(0, 8)}@example.sk`],
  );
  const manager = users[0]!.id;
  await client.query(`INSERT INTO identity.organization_members (organization_id, user_id, status, updated_at) VALUES ($1, $2, 'ACTIVE', now())`, [
    orgId,
    manager,
  ]);
  const buildings = Math.ceil(UNITS / PER_BUILDING);
  await client.query(
    `INSERT INTO property.buildings (organization_id, street, street_number, city, postal_code, updated_at)
     SELECT $1, 'Hlavná', g::text, 'Košice', '040 01', now() FROM generate_series(1, $2::int) g`,
    [orgId, buildings],
  );
  await client.query(
    `INSERT INTO property.units (organization_id, building_id, designation, type, share_numerator, share_denominator, updated_at)
     SELECT $1, b.id, g::text, 'FLAT', 1, $3::int, now()
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM property.buildings WHERE organization_id = $1) b
     CROSS JOIN generate_series(1, $3::int) g
     WHERE (b.n - 1) * $3 + g <= $2`,
    [orgId, UNITS, PER_BUILDING],
  );
  await client.query(
    `INSERT INTO property.advance_payment_rules (organization_id, unit_id, fund, description, amount, vat_rate, valid_from, updated_at)
     SELECT $1, u.id, r.fund::property."FinancialAccountKind", r.description, r.amount + (abs(hashtext(u.id::text)) % 50), r.vat, DATE '2025-01-01', now()
     FROM property.units u
     CROSS JOIN (VALUES ('REPAIR_FUND', 'Fond opráv', 40.00, 0), ('OPERATING', 'Správa', 12.00, 0), ('OTHER', 'Výťah', 3.33, 23)) AS r(fund, description, amount, vat)
     WHERE u.organization_id = $1`,
    [orgId],
  );
  // A production database has statistics (autovacuum): plans for 10,000 rows, not for empty tables.
  await client.query("ANALYZE");
  console.log(`seeded ${UNITS.toLocaleString("en")} units in ${buildings} buildings, ${(UNITS * 3).toLocaleString("en")} advance items`);

  // Measure past the gateway's write timeout (15 s) instead of failing at it.
  process.env.SUBGRAPH_WRITE_TIMEOUT_MS ??= "120000";
  services = await startServices(db);
  const token = await services.token({ sub: manager, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) });

  let started = performance.now();
  const issued = (await graphql(services.gatewayUrl, ISSUE, { period: "2026-01", key: "bench-issue-2026-01" }, token)) as {
    issueInvoices: { issued: number; total: { amount: string } };
  };
  const issueMs = performance.now() - started;
  if (issued.issueInvoices.issued !== UNITS) throw new Error(`expected ${UNITS} issued, got ${JSON.stringify(issued.issueInvoices)}`);
  console.log(
    `issueInvoices: ${issued.issueInvoices.issued.toLocaleString("en")} prescriptions, ${issued.issueInvoices.total.amount} EUR in ${issueMs.toFixed(0)} ms`,
  );

  const { rows: accounts } = await client.query<{ variable_symbol: string; total: string }>(
    `SELECT a.variable_symbol, i.total::text FROM property.financial_accounts a JOIN property.invoices i ON i.account_id = a.id
     WHERE a.organization_id = $1 AND a.kind = 'UNIT' ORDER BY a.variable_symbol::bigint`,
    [orgId],
  );
  await client.end();
  const content = statement(accounts);
  started = performance.now();
  const imported = (await graphql(services.gatewayUrl, IMPORT, { content, key: "bench-import-1" }, token)) as { importBankStatement: Record<string, number> };
  const importMs = performance.now() - started;
  console.log(
    `importBankStatement: ${accounts.length.toLocaleString("en")} entries (${Math.round(content.length / 1024)} KiB) in ${importMs.toFixed(0)} ms: ${JSON.stringify(imported.importBankStatement)}`,
  );
  started = performance.now();
  const again = (await graphql(services.gatewayUrl, IMPORT, { content, key: "bench-import-2" }, token)) as { importBankStatement: Record<string, number> };
  const againMs = performance.now() - started;
  if (again.importBankStatement.created !== 0) throw new Error(`the repeated import created payments: ${JSON.stringify(again.importBankStatement)}`);
  console.log(`importBankStatement again (every entry a duplicate): ${againMs.toFixed(0)} ms`);

  console.log(`\ntarget < ${TARGET_MS / 1000} s each: issue ${issueMs <= TARGET_MS ? "ok" : "MISSED"}, import ${importMs <= TARGET_MS ? "ok" : "MISSED"}`);
} catch (error) {
  console.error(`failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await services?.stop();
  if (!values.keep) await db.drop();
}
