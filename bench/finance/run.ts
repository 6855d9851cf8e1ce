// Finance benchmark: issuing one month's prescriptions for 10,000 units (100 buildings × 100
// flats, three advance items each) and importing a CAMT.053 statement of 10,000 entries (exact,
// partial, over- and unmatched payments), each one mutation through the gateway, then the same
// statement again (every entry a duplicate). Prints the times; the target is under 10 s each.
// Not part of npm test.
//
// Beside them, in the same run on the same data (--no-compare skips them):
// - the module's issuing and import planned as earlier (PostgreSQL free to choose nested loops)
//   against now (organization-wide plans: see bulk-planning.ts): the next month issued and a
//   statement paying it imported twice, by the module's own functions as the property role under
//   the tenant, once per form, each in a transaction rolled back, statements cut at
//   --earlier-timeout seconds;
// - issuing's rules selected with `unit_id = ANY (array)` against the units joined as a set, and
//   the ledger's balance trigger re-reading every touched posting against checking the inserted
//   lines only (--lines balanced lines inserted in one statement, rolled back).
//
// BENCH_AUTO_EXPLAIN_MS=<ms> logs the plan of every statement slower than that (auto_explain,
// with actual rows and trigger times) in the PostgreSQL server's log: how the nested loops over
// rows no statistics had seen were found.
//
//   npx tsx bench/finance/run.ts [--units 10000] [--lines 50000] [--earlier-timeout 120] [--no-compare] [--keep]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { permissionsOf } from "@ppt/property/organizations";
import { connectDatabase, type Tx } from "@ppt/server-kit";
import { importEntries, issueMonth } from "../../subgraphs/property/src/modules/financial/bookkeeping.ts";
import { parseAmount } from "../../subgraphs/property/src/modules/financial/money.ts";
import { createBenchDatabase, graphql, startServices, type BenchDatabase } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    units: { type: "string", default: "10000" },
    lines: { type: "string", default: "50000" },
    "earlier-timeout": { type: "string", default: "120" },
    "no-compare": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
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
if (process.env.BENCH_AUTO_EXPLAIN_MS) {
  const { onTestServer } = await import("../../prisma/src/testing/server.ts");
  for (const setting of [
    "session_preload_libraries = 'auto_explain'",
    `auto_explain.log_min_duration = '${process.env.BENCH_AUTO_EXPLAIN_MS}ms'`,
    "auto_explain.log_analyze = on",
    "auto_explain.log_nested_statements = on",
    "auto_explain.log_triggers = on",
  ])
    await onTestServer(`ALTER DATABASE "${db.name}" SET ${setting}`);
}
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

  // Measure past the gateway's write timeout (15 s) and the write transaction's (20 s) instead of failing at them.
  process.env.SUBGRAPH_WRITE_TIMEOUT_MS ??= "300000";
  process.env.DB_TRANSACTION_TIMEOUT_MS ??= "300000";
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

  if (!values["no-compare"]) await compareEarlierForms(client, orgId);

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
  if (!values["no-compare"]) await comparePlanning(db, orgId, manager);

  console.log(`\ntarget < ${TARGET_MS / 1000} s each: issue ${issueMs <= TARGET_MS ? "ok" : "MISSED"}, import ${importMs <= TARGET_MS ? "ok" : "MISSED"}`);
} catch (error) {
  console.error(`failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await services?.stop();
  if (!values.keep) await db.drop();
}

/** The rules selection of issuing, earlier (= ANY) and now (joined set), and the balance trigger, earlier and now; same data, same run. */
async function compareEarlierForms(client: pg.Client, orgId: string) {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await run();
    return { ms: performance.now() - started, result };
  };
  const { rows: units } = await client.query<{ id: string }>(`SELECT id FROM property.units WHERE organization_id = $1 AND archived_at IS NULL`, [orgId]);
  const ids = units.map((u) => u.id);
  const rules = (from: string, where: string) => `
    SELECT count(*)::int AS n, sum(r.amount)::text AS total
    FROM ${from}
    JOIN property.financial_accounts ua ON ua.unit_id = r.unit_id AND ua.kind = 'UNIT' AND ua.closed_at IS NULL
    WHERE ${where} r.organization_id = $2 AND r.valid_from <= DATE '2026-01-31' AND (r.valid_to IS NULL OR r.valid_to >= DATE '2026-01-01')`;
  const earlier = await timed(() => client.query(rules("property.advance_payment_rules r", "r.unit_id = ANY ($1::uuid[]) AND"), [ids, orgId]));
  const now = await timed(() =>
    client.query(rules("unnest($1::uuid[]) AS active(id) JOIN property.advance_payment_rules r ON r.unit_id = active.id", ""), [ids, orgId]),
  );
  const [a, b] = [(earlier.result as pg.QueryResult).rows[0], (now.result as pg.QueryResult).rows[0]];
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two rule selections differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  console.log(`issuing's rules for ${ids.length} units: earlier (= ANY) ${seconds(earlier.ms)}, now (joined set) ${seconds(now.ms)}, same ${a.n} rules`);

  // The trigger: the same balanced lines inserted under each form of its function, rolled back.
  const LINES = Number(values.lines);
  const { rows: accounts } = await client.query<{ id: string }>(`SELECT id FROM property.financial_accounts WHERE organization_id = $1 LIMIT 2`, [orgId]);
  const earlierCheck = `
    SELECT t.posting_id INTO unbalanced FROM property.financial_transactions t
    WHERE t.posting_id IN (SELECT DISTINCT n.posting_id FROM new_rows n)
    GROUP BY t.posting_id
    HAVING sum(CASE WHEN t.kind = 'DEBIT' THEN t.amount ELSE -t.amount END) <> 0 OR count(DISTINCT t.kind) < 2 LIMIT 1;`;
  const insertLines = async (earlierForm: boolean) => {
    await client.query("BEGIN");
    try {
      if (earlierForm) {
        await client.query(`CREATE OR REPLACE FUNCTION property.assert_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $fn$
          DECLARE unbalanced uuid;
          BEGIN ${earlierCheck}
            IF unbalanced IS NOT NULL THEN RAISE EXCEPTION 'posting % does not balance', unbalanced USING ERRCODE = '23514'; END IF;
            RETURN NULL;
          END $fn$`);
      }
      await client.query(`CREATE TEMP TABLE bench_postings ON COMMIT DROP AS SELECT gen_random_uuid() AS id FROM generate_series(1, $1::int)`, [LINES / 2]);
      await client.query(
        `INSERT INTO property.ledger_postings (id, organization_id, posted_on, kind, description) SELECT id, $1, DATE '2026-01-01', 'BENCH', 'bench' FROM bench_postings`,
        [orgId],
      );
      const { ms } = await timed(() =>
        client.query(
          `INSERT INTO property.financial_transactions (organization_id, posting_id, account_id, kind, amount, occurred_at)
           SELECT $1, p.id, s.account_id, s.kind::property."FinancialTransactionKind", 12.34, DATE '2026-01-01'
           FROM bench_postings p CROSS JOIN (VALUES ($2::uuid, 'DEBIT'), ($3::uuid, 'CREDIT')) AS s(account_id, kind)`,
          [orgId, accounts[0]!.id, accounts[1]!.id],
        ),
      );
      return ms;
    } finally {
      await client.query("ROLLBACK");
    }
  };
  // Alternated twice, so neither form alone pays for a cold cache.
  const runs: string[] = [];
  for (let round = 0; round < 2; round++) runs.push(`earlier ${seconds(await insertLines(true))}, now ${seconds(await insertLines(false))}`);
  console.log(`${LINES.toLocaleString("en")} ledger lines in one statement, balance trigger: ${runs.join("; ")}`);
}

/**
 * The module's issuing and import as planned earlier and now, on the same data: February issued
 * for every unit and a statement paying it (every 7th partly) imported, then imported again, in a
 * transaction rolled back. The earlier form is the same code with the switch to
 * organization-wide plans skipped, so PostgreSQL plans as it did before it.
 */
async function comparePlanning(db: BenchDatabase, orgId: string, userId: string) {
  const property = connectDatabase(db.propertyUrl, { max: 1 });
  const timeoutS = Number(values["earlier-timeout"]);
  const run = async (earlier: boolean) => {
    const times: string[] = [];
    await property.prisma
      .$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT set_config('app.current_org', ${orgId}, true), set_config('app.current_user', ${userId}, true)`;
          await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${timeoutS}s'`);
          const planned = earlier ? plannerFree(tx) : tx;
          const step = async (label: string, work: () => Promise<unknown>) => {
            const started = performance.now();
            try {
              await work();
              times.push(`${label} ${((performance.now() - started) / 1000).toFixed(2)} s`);
            } catch (error) {
              if (!/statement timeout/.test((error as Error).message)) throw error;
              times.push(`${label} > ${timeoutS} s (a statement cancelled)`);
              throw new Error("rollback");
            }
          };
          await step("issue", () => issueMonth(planned, orgId, "2026-02"));
          const invoices = await tx.$queryRaw<{ variable_symbol: string; total: string }[]>`
            SELECT variable_symbol, total::text FROM property.invoices WHERE number LIKE 'P202602-%' ORDER BY variable_symbol`;
          const entries = invoices.map((inv, i) => ({
            amount: parseAmount(inv.total) - (i % 7 === 0 ? 1000n : 0n),
            currency: "EUR",
            direction: "CREDIT" as const,
            bookedOn: "2026-02-12",
            bankReference: `F${i}`,
            variableSymbol: inv.variable_symbol,
          }));
          await step("import", () => importEntries(planned, orgId, entries, "compare", userId));
          await step("again", () => importEntries(planned, orgId, entries, "compare", userId));
          throw new Error("rollback");
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      )
      .catch((error: Error) => {
        if (error.message !== "rollback") throw error;
      });
    return times.join(", ");
  };
  try {
    // Now first: a cold cache then costs the current form, not the earlier one.
    const now = await run(false);
    const earlier = await run(true);
    console.log(`module's issuing and import of the next month, ${UNITS.toLocaleString("en")} units: earlier planning ${earlier}; now ${now}`);
  } finally {
    await property.close();
  }
}

/** The transaction with the switch to organization-wide plans (set_config of enable_nestloop) skipped. */
function plannerFree(tx: Tx): Tx {
  return new Proxy(tx, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== "$queryRaw" || typeof value !== "function") return value;
      return (strings: TemplateStringsArray, ...rest: unknown[]) => {
        if (strings.join("?").includes("'enable_nestloop'")) return Promise.resolve([{ value: "on" }]);
        return (value as (...a: unknown[]) => Promise<unknown>).call(target, strings, ...rest);
      };
    },
  });
}
