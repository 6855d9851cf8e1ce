// The connection to RabbitMQ is cut (a TCP proxy this test owns drops every socket) while 1,000
// events are being published and consumed: every event's effect happens exactly once.
import { randomBytes, randomUUID } from "node:crypto";
import amqplib from "amqplib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, testPool, type TestDatabase } from "@ppt/db/testing";
import { startCuttingProxy } from "@ppt/testing/tcp-proxy";
import { defaultRetryPolicy, topologyNames, type BrokerEvent } from "./event-broker.ts";
import { RabbitMqBroker } from "./rabbitmq-broker.ts";
import { runOnce } from "./run-once.ts";

const RABBIT = { host: "127.0.0.1", port: 5672 };

let database: TestDatabase;
let pool: ReturnType<typeof testPool>;
const prefix = `test.${randomBytes(4).toString("hex")}.`;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.ownerUrl, 8);
  // No unique key on purpose: a doubled effect must show up as a second row.
  await pool.query("CREATE TABLE public.mail_effects (event_id uuid NOT NULL)");
});

afterAll(async () => {
  const connection = await amqplib.connect(`amqp://guest:guest@${RABBIT.host}:${RABBIT.port}`);
  const channel = await connection.createChannel();
  const names = topologyNames(prefix, "mail");
  for (const delay of new Set([100, ...defaultRetryPolicy.delaysMs])) await channel.deleteQueue(names.retry(delay));
  await channel.deleteQueue(names.queue);
  await channel.deleteQueue(names.parking);
  await channel.deleteExchange(names.exchange);
  await connection.close();
  await pool.end();
  await database.drop();
});

it("loses nothing and doubles nothing when the connection is cut mid-stream", { timeout: 120_000 }, async () => {
  const proxy = await startCuttingProxy(RABBIT);
  const broker = new RabbitMqBroker({ url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, prefix, reconnectSeconds: 0.2, publishTimeoutMs: 3_000 });
  let handled = 0;
  let cuts = 0;
  await broker.consume(
    "mail",
    ["notification.#"],
    async (event) => {
      await runOnce(pool, "mail", event.id, (client) => client.query("INSERT INTO public.mail_effects (event_id) VALUES ($1)", [event.id]));
      handled++;
      if ((handled === 150 || handled === 600) && proxy.cut() > 0) cuts++;
    },
    { prefetch: 20, retry: { delaysMs: [100] } },
  );
  const events: BrokerEvent[] = Array.from({ length: 1_000 }, (_, i) => ({
    id: randomUUID(),
    eventType: "notification.requested",
    aggregateType: "notification",
    aggregateId: randomUUID(),
    organizationId: null,
    payload: { recipient: i },
    createdAt: new Date().toISOString(),
  }));
  // Published in slices so the cuts land while publishing and consuming overlap.
  for (let i = 0; i < events.length; i += 100) await broker.publish(events.slice(i, i + 100));

  const deadline = Date.now() + 90_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>("SELECT count(DISTINCT event_id)::int AS n FROM public.mail_effects");
    if (rows[0]!.n === events.length || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await broker.close();
  await proxy.close();

  expect(cuts).toBe(2);
  const { rows } = await pool.query<{ total: number; distinct: number }>(
    "SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM public.mail_effects",
  );
  expect(rows[0]).toEqual({ total: 1_000, distinct: 1_000 });
  const { rows: ids } = await pool.query<{ event_id: string }>("SELECT event_id FROM public.mail_effects");
  expect(new Set(ids.map((row) => row.event_id))).toEqual(new Set(events.map((e) => e.id)));
});
