// One transaction per mutation: a failed mutation leaves the database as it was. The reality
// subgraph has no RLS, so this is a plain interactive transaction on the role's pool.
import type { Tx } from "@ppt/server-kit";
import type { RealityContext } from "../context.ts";

/** Bulk edits and feed imports touch thousands of rows in one transaction: allow them time. */
const TX_OPTIONS = { maxWait: 5_000, timeout: 60_000 };

export function inTransaction<T>(ctx: Pick<RealityContext, "db">, run: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.$transaction((tx) => run(tx), TX_OPTIONS);
}
