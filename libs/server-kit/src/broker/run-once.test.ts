import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, testPool, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "../db/clients.ts";
import { runOnce } from "./run-once.ts";

let database: TestDatabase;
let pool: ReturnType<typeof testPool>;
let db: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.urlFor("property"), 2);
  db = connectDatabase(database.urlFor("property"), { max: 2 });
});

afterAll(async () => {
  await db.close();
  await pool.end();
  await database.drop();
});

it("runs an effect once per consumer and event, whichever handle it is given", async () => {
  const eventId = randomUUID();
  const effects: string[] = [];
  const viaPool = await runOnce(pool, "mail", eventId, async () => void effects.push("pool"));
  const viaTx = await db.prisma.$transaction((tx) => runOnce(tx, "mail", eventId, async () => void effects.push("tx")));
  const otherConsumer = await db.prisma.$transaction((tx) => runOnce(tx, "push", eventId, async () => void effects.push("push")));
  expect([viaPool.ran, viaTx.ran, otherConsumer.ran]).toEqual([true, false, true]);
  expect(effects).toEqual(["pool", "push"]);
});

it("forgets a failed effect so that the redelivery runs it", async () => {
  const eventId = randomUUID();
  await expect(runOnce(pool, "sms", eventId, async () => Promise.reject(new Error("provider down")))).rejects.toThrow("provider down");
  await expect(db.prisma.$transaction((tx) => runOnce(tx, "sms-tx", eventId, async () => Promise.reject(new Error("down"))))).rejects.toThrow("down");
  expect((await runOnce(pool, "sms", eventId, async () => "sent")).ran).toBe(true);
  expect((await db.prisma.$transaction((tx) => runOnce(tx, "sms-tx", eventId, async () => "sent"))).ran).toBe(true);
});
