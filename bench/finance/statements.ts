// Where issuing's time goes: a fresh organization of --units units (accounts created in the same
// transaction, as the first month ever issued does) and issueMonth run with every statement timed,
// rolled back. Run against a database left by `bench/finance/run.ts --keep`. EXPLAIN=1 prints the
// plans of the two issuing statements with their trigger and foreign-key times instead (executed,
// then rolled back; the printed totals are then placeholders).
//
//   [EXPLAIN=1] npx tsx bench/finance/statements.ts [--units 10000] [--database ppt_bench_finance]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Prisma } from "@ppt/db/client";
import { connectDatabase, type Tx } from "@ppt/server-kit";
import { testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { importEntries, issueMonth } from "../../subgraphs/property/src/modules/financial/bookkeeping.ts";
import { parseAmount } from "../../subgraphs/property/src/modules/financial/money.ts";

const { values } = parseArgs({ options: { units: { type: "string", default: "10000" }, database: { type: "string", default: "ppt_bench_finance" } } });
const UNITS = Number(values.units);
const db = connectDatabase(testDatabaseUrl(values.database), { max: 2 });
const orgId = randomUUID();
try {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO platform.organizations (id, name, slug, type, contact_email, updated_at) VALUES ($1::uuid, 'Stmt SVB', $2, 'HOUSING_COOPERATIVE', 'stmt@example.sk', now())`,
    orgId,
    `stmt-${orgId}`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO property.buildings (organization_id, street, street_number, city, postal_code, updated_at)
     SELECT $1::uuid, 'Hlavná', g::text, 'Košice', '040 01', now() FROM generate_series(1, $2::int) g`,
    orgId,
    Math.ceil(UNITS / 100),
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO property.units (organization_id, building_id, designation, type, share_numerator, share_denominator, updated_at)
     SELECT $1::uuid, b.id, g::text, 'FLAT', 1, 100, now() FROM property.buildings b CROSS JOIN generate_series(1, 100) g WHERE b.organization_id = $1::uuid`,
    orgId,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO property.advance_payment_rules (organization_id, unit_id, fund, description, amount, vat_rate, valid_from, updated_at)
     SELECT $1::uuid, u.id, r.fund::property."FinancialAccountKind", r.description, r.amount, r.vat, DATE '2025-01-01', now()
     FROM property.units u CROSS JOIN (VALUES ('REPAIR_FUND', 'Fond opráv', 40.00, 0), ('OPERATING', 'Správa', 12.00, 0), ('OTHER', 'Výťah', 3.33, 23)) AS r(fund, description, amount, vat)
     WHERE u.organization_id = $1::uuid`,
    orgId,
  );
  await db.prisma.$executeRawUnsafe("ANALYZE");
  await db.prisma
    .$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT set_config('app.current_org', ${orgId}, true)`;
        const timed = new Proxy(tx, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver) as unknown;
            if (typeof value !== "function" || !["$queryRaw", "$executeRaw"].includes(String(key))) return value;
            return async (...args: unknown[]) => {
              const strings = args[0] as readonly string[];
              if (process.env.EXPLAIN && strings[0]!.trim().startsWith("WITH")) {
                const plan = await target.$queryRaw<{ "QUERY PLAN": string }[]>(
                  Prisma.sql([`EXPLAIN (ANALYZE, COSTS OFF) ${strings[0]}`, ...strings.slice(1)], ...(args.slice(1) as Prisma.Sql[])),
                );
                console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
                return key === "$queryRaw" ? [{ issued: 10000n, total: "0" }] : 0;
              }
              const started = performance.now();
              const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
              const sql = (args[0] as readonly string[]).join("?").replace(/\s+/g, " ").trim().slice(0, 90);
              console.log(`${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s  ${sql}`);
              return result;
            };
          },
        }) as Tx;
        let started = performance.now();
        const result = await issueMonth(timed, orgId, "2026-01");
        console.log(`issueMonth ${JSON.stringify(result)} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        // A statement paying every new prescription (every 7th partly), imported with each statement timed.
        const invoices = await tx.$queryRaw<{ variable_symbol: string; total: string }[]>`
          SELECT variable_symbol, total::text FROM property.invoices WHERE organization_id = ${orgId}::uuid ORDER BY variable_symbol`;
        const entries = invoices.map((inv, i) => ({
          amount: parseAmount(inv.total) - (i % 7 === 0 ? 1000n : 0n),
          currency: "EUR",
          direction: "CREDIT" as const,
          bookedOn: "2026-01-12",
          bankReference: `S${i}`,
          variableSymbol: inv.variable_symbol,
        }));
        started = performance.now();
        const imported = await importEntries(timed, orgId, entries, "stmt", null);
        console.log(`importEntries ${JSON.stringify(imported)} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        throw new Error("rollback");
      },
      { timeout: 600_000, maxWait: 10_000 },
    )
    .catch((error: Error) => {
      if (error.message !== "rollback") throw error;
    });
} finally {
  await db.prisma.$executeRawUnsafe(`DELETE FROM property.advance_payment_rules WHERE organization_id = $1::uuid`, orgId);
  await db.prisma.$executeRawUnsafe(`DELETE FROM property.units WHERE organization_id = $1::uuid`, orgId);
  await db.prisma.$executeRawUnsafe(`DELETE FROM property.buildings WHERE organization_id = $1::uuid`, orgId);
  await db.prisma.$executeRawUnsafe(`DELETE FROM platform.organizations WHERE id = $1::uuid`, orgId);
  await db.close();
}
