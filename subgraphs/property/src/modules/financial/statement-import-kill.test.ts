// A bank statement import killed with SIGKILL in the middle and repeated: exactly one payment per
// statement entry. The import runs in a process of its own (a SIGKILL must kill the real thing,
// connections and all), is killed while its transaction is writing payments, and the same
// statement is then imported again under a new key, as a manager would after a crash.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, TenantDb, type Caller, type DbHandle } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBankStatement, issueInvoices } from "./service.ts";

const ENTRIES = 4_000;

let db: TestDatabase;
let owner: DbHandle;
let property: DbHandle;
let workDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  property = connectDatabase(db.urlFor("property"), { max: 2 });
  workDir = mkdtempSync(join(tmpdir(), "statement-kill-"));
});

afterAll(async () => {
  await property?.close();
  await owner?.close();
  await db?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const managerOf = (organizationId: string, userId: string) => ({
  caller: {
    userId,
    organizationId,
    roles: [],
    permissions: new Set(["financial:read", "financial:write"]),
    audience: "ppt",
    sessionId: null,
    clientId: null,
    issuedAt: 0,
    expiresAt: 0,
  } as Caller,
  db: new TenantDb(property.prisma, { organizationId, userId: null }),
});

/** The child: imports the statement through the service, as the GraphQL mutation does. */
const CHILD = `
const [serverKit, service, { readFileSync }] = await Promise.all([import(process.env.KIT), import(process.env.SERVICE), import("node:fs")]);
const handle = serverKit.connectDatabase(process.env.DB_URL, { max: 1 });
const ctx = {
  caller: { userId: process.env.USER_ID, organizationId: process.env.ORG_ID, roles: [], permissions: new Set(["financial:read", "financial:write"]),
            audience: "ppt", sessionId: null, clientId: null, issuedAt: 0, expiresAt: 0 },
  db: new serverKit.TenantDb(handle.prisma, { organizationId: process.env.ORG_ID, userId: null }),
};
process.stdout.write("importing\\n");
await service.importBankStatement(ctx, { content: readFileSync(process.env.STATEMENT, "utf8"), format: "CAMT053", idempotencyKey: "first" });
process.stdout.write("done\\n");
await handle.close();
`;

function camt(entries: { ref: string; amount: string; vs: string }[]): string {
  const ntry = entries
    .map(
      (e) => `<Ntry><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-01-20</Dt></BookgDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Platiteľ</Nm></Dbtr></RltdPties>
        <RmtInf><Ustrd>/VS${e.vs}/SS/KS0308</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
    <GrpHdr><MsgId>KILL-1</MsgId><CreDtTm>2026-01-21T08:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>KILL-1</Id><Acct><Id><IBAN>SK3112000000198742637541</IBAN></Id></Acct>${ntry}</Stmt></BkToCstmrStmt></Document>`;
}

describe("a statement import killed with SIGKILL", () => {
  it("imported again leaves exactly one payment per statement entry", { timeout: 300_000 }, async () => {
    const slug = `kill-${randomUUID().slice(0, 8)}`;
    const org = await owner.prisma.organization.create({ data: { name: slug, slug, type: "HOUSING_COOPERATIVE", contactEmail: `${slug}@example.sk` } });
    const userId = (await owner.prisma.user.create({ data: { email: `${slug}@example.sk`, firstName: "M", lastName: "M" } })).id;
    const building = await owner.prisma.building.create({
      data: { organizationId: org.id, street: "Hlavná", streetNumber: "1", city: "Košice", postalCode: "04001" },
    });
    const units = 200;
    await owner.prisma.unit.createMany({
      data: Array.from({ length: units }, (_, i) => ({
        organizationId: org.id,
        buildingId: building.id,
        designation: String(i + 1),
        shareNumerator: 1,
        shareDenominator: units,
      })),
    });
    const unitIds = (await owner.prisma.unit.findMany({ where: { organizationId: org.id }, select: { id: true } })).map((u) => u.id);
    await owner.prisma.advancePaymentRule.createMany({
      data: unitIds.map((unitId) => ({
        organizationId: org.id,
        unitId,
        fund: "REPAIR_FUND" as const,
        description: "Fond opráv",
        amount: "100.00",
        validFrom: new Date("2026-01-01"),
      })),
    });
    await issueInvoices(managerOf(org.id, userId), { period: "2026-01", idempotencyKey: "issue" });
    const symbols = (await owner.prisma.financialAccount.findMany({ where: { organizationId: org.id, kind: "UNIT" }, select: { variableSymbol: true } })).map(
      (a) => a.variableSymbol!,
    );
    // Every unit pays in many small parts (and some to a symbol nobody has): matched, partial, over and unmatched.
    const entries = Array.from({ length: ENTRIES }, (_, i) => ({
      ref: `KILL-${String(i).padStart(6, "0")}`,
      amount: `${(i % 7) + 3}.${String(i % 100).padStart(2, "0")}`,
      vs: i % 50 === 0 ? "9999999" : symbols[i % symbols.length]!,
    }));
    const statement = join(workDir, "statement.xml");
    const childScript = join(workDir, "import.mjs");
    writeFileSync(statement, camt(entries));
    writeFileSync(childScript, CHILD);

    const child = spawn(process.execPath, ["--import", "tsx", childScript], {
      env: {
        ...process.env,
        KIT: import.meta.resolve("@ppt/server-kit"),
        SERVICE: new URL("./service.ts", import.meta.url).href,
        DB_URL: db.urlFor("property"),
        ORG_ID: org.id,
        USER_ID: userId,
        STATEMENT: statement,
      },
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));

    // Kill it while its transaction is writing the payments (seen from the database, not guessed by a timer).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [busy] = await owner.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%payments%'`;
      if (busy!.n > 0n) break;
      if (output.includes("done") || Date.now() > deadline) throw new Error(`the import was not caught in the middle (${output.trim()})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toContain("done");

    // The killed import committed nothing: it was one transaction.
    expect(await owner.prisma.payment.count({ where: { organizationId: org.id } })).toBe(0);

    const again = await importBankStatement(managerOf(org.id, userId), { content: camt(entries), format: "CAMT053", idempotencyKey: "after-the-crash" });
    expect(again).toMatchObject({ created: ENTRIES, alreadyImported: 0 });
    const payments = await owner.prisma.payment.findMany({ where: { organizationId: org.id }, select: { bankEntryRef: true } });
    expect(payments).toHaveLength(ENTRIES);
    expect(new Set(payments.map((p) => p.bankEntryRef))).toEqual(new Set(entries.map((e) => e.ref)));

    // And once more: nothing new.
    const third = await importBankStatement(managerOf(org.id, userId), { content: camt(entries), format: "CAMT053", idempotencyKey: "third" });
    expect(third).toMatchObject({ created: 0, alreadyImported: ENTRIES });
    expect(await owner.prisma.payment.count({ where: { organizationId: org.id } })).toBe(ENTRIES);
  });
});
