// Notification delivery benchmark: 10,000 mail events committed to the outbox, relayed to RabbitMQ,
// consumed by property worker processes and sent to an SMTP server started here. Prints the
// throughput and the p50/p99 latency from the event's commit to the SMTP server's acceptance.
// Not part of `npm test`; needs RabbitMQ (BENCH_AMQP_URL, default amqp://guest:guest@127.0.0.1:5672).
//
//   npx tsx bench/notifications/run.ts [--events 10000] [--workers 1]
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { InProcessPubSub, LiveRouter, OutboxRelay, RabbitMqBroker, repoRoot } from "@ppt/server-kit";
import { benchEnv, createBenchDatabase, percentile } from "../support/services.ts";

const { values } = parseArgs({ options: { events: { type: "string", default: "10000" }, workers: { type: "string", default: "1" } } });
const EVENTS = Number(values.events);
const WORKERS = Math.max(1, Math.min(Number(values.workers), 8));
const BATCH = 500;
const AMQP_URL = process.env.BENCH_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const PREFIX = `bench-${randomBytes(4).toString("hex")}.`;

// The SMTP server: the time each recipient's message was accepted.
const accepted = new Map<string, number>();
let copies = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      const now = performance.timeOrigin + performance.now();
      for (const rcpt of session.envelope.rcptTo) {
        if (accepted.has(rcpt.address)) copies++;
        else accepted.set(rcpt.address, now);
      }
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const db = await createBenchDatabase("ppt_bench_notifications");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "test",
  LOG_LEVEL: "error",
  ...(await benchEnv(db)).env,
  AMQP_URL,
  AMQP_PREFIX: PREFIX,
  AMQP_QUEUE_EXPIRES_MS: String(10 * 60_000),
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtpPort),
  PORT: "0",
};
const workers: ChildProcess[] = [];
const broker = new RabbitMqBroker({ url: AMQP_URL, prefix: PREFIX, queueExpiresMs: 10 * 60_000 });
const relay = new OutboxRelay({
  databaseUrl: db.propertyUrl,
  pubsub: new InProcessPubSub(),
  router: new LiveRouter([]),
  broker,
  batchSize: 500,
  intervalMs: 10,
});
const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
const property = new pg.Pool({ connectionString: db.propertyUrl, max: 2 });
try {
  // The consumer's queue exists before anything is published (as the subgraph process declares it).
  await broker.declare("property.account-mail", ["user.email_verification_requested", "user.password_reset_requested", "organization.member_invited"], {
    retry: { maxAttempts: 8, delaysMs: [1_000, 5_000, 30_000, 120_000, 600_000] },
  });
  const users = Array.from({ length: EVENTS }, (_, i) => ({ id: randomUUID(), email: `bench-${i}@example.sk` }));
  await owner.query(
    `INSERT INTO identity.users (id, email, first_name, last_name, password_hash, updated_at)
     SELECT u.id, u.email, 'Bench', 'Recipient', '-', now() FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, email text)`,
    [JSON.stringify(users)],
  );
  for (let i = 0; i < WORKERS; i++) {
    workers.push(
      spawn(process.execPath, ["--import", "tsx", join(repoRoot, "subgraphs/property/src/worker.ts")], { env, stdio: ["ignore", "ignore", "inherit"] }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the workers connect
  relay.start();

  // Commits of BATCH events each, as fast as the database takes them; each event's commit time is its batch's.
  const committedAt = new Map<string, number>();
  const began = performance.timeOrigin + performance.now();
  for (let start = 0; start < users.length; start += BATCH) {
    const batch = users.slice(start, start + BATCH);
    await property.query(
      `INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, payload)
       SELECT 'user', u.id, 'user.password_reset_requested', jsonb_build_object('userId', u.id, 'token', md5(random()::text))
       FROM jsonb_to_recordset($1::jsonb) AS u(id uuid)`,
      [JSON.stringify(batch.map((u) => ({ id: u.id })))],
    );
    const now = performance.timeOrigin + performance.now();
    for (const user of batch) committedAt.set(user.email, now);
    relay.nudge();
  }
  const deadline = Date.now() + 10 * 60_000;
  while (accepted.size < EVENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const latencies = users.filter((u) => accepted.has(u.email)).map((u) => accepted.get(u.email)! - committedAt.get(u.email)!);
  latencies.sort((a, b) => a - b);
  const last = Math.max(...accepted.values());
  const seconds = (last - began) / 1000;
  console.log(
    [
      `notifications: ${accepted.size}/${EVENTS} mails accepted by SMTP (${copies} second copies) with ${WORKERS} worker(s)`,
      `throughput ${(accepted.size / seconds).toFixed(0)} mails/s over ${seconds.toFixed(1)} s (first commit to last acceptance)`,
      `commit → SMTP acceptance: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`,
    ].join("\n"),
  );
} finally {
  for (const worker of workers) worker.kill("SIGTERM");
  await relay.stop();
  await broker.close();
  await owner.end();
  await property.end();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await db.drop();
}
