// Planning of the organization-wide money statements (issuing a month, importing a statement).
//
// They read and write every unit of an organization at once, and most of what they read was
// written moments before in the same transaction (the month's invoices, the accounts opened for
// it, the payments just imported), which no statistics have seen: PostgreSQL then estimates one
// row where there are 10,000 and picks nested loops, re-scanning the organization's index for
// each row. Measured (bench/finance, 10,000 units): the open-prescriptions read 73–109 s, the
// invoices' re-settlement 44 s, opening accounts that exist 9–12 s, issuing's two statements
// 13.6 + 12.0 s; with nested loops off the same statements take well under a second each (hash
// joins over the organization's rows, which is what a statement over every unit wants anyway).
// The setting is transaction-local and restored afterwards, so nothing else in the transaction
// (or on the pooled connection later) is planned differently; foreign-key checks and the ledger's
// balance trigger have no joins and are not affected. Not restored on an error: the transaction is
// then aborted and rolls back, the setting with it (a query to restore it would fail and hide the
// error).
import type { Tx } from "@ppt/server-kit";

export async function withOrganizationWidePlans<T>(tx: Tx, run: () => Promise<T>): Promise<T> {
  const [previous] = await tx.$queryRaw<{ value: string }[]>`
    SELECT current_setting('enable_nestloop') AS value, set_config('enable_nestloop', 'off', true)`;
  const result = await run();
  await tx.$queryRaw`SELECT set_config('enable_nestloop', ${previous!.value}, true)`;
  return result;
}
