// A worker SIGKILLed in the middle of a batch while a second worker replica runs: the events it
// had taken and not acknowledged are redelivered (RabbitMQ hands them to the other consumer), and
// each effect happens once. The effect counted is mail, at the SMTP server this test starts, and
// the delivery ledger (platform.deliveries: one row per event, recipient and channel, sent).
// SMTP has no transaction to join: a kill between the server's acceptance and the ledger's commit
// resends that message, with the same Message-ID (taken from the ledger row), which mail stores
// recognise as one message. So "once" is: one distinct message per recipient, and any copy is such
// a resend, at most the consumer's prefetch of them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { passwordResetEvents } from "@ppt/testing/fixtures";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";
import { startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";

const RECIPIENTS = 600;

let smtp: TestSmtp;
let stack: ProcessStack;
/** The property role: the outbox relay publishes the rows its own role wrote. */
let property: DbHandle;

beforeAll(async () => {
  smtp = await startTestSmtp();
  stack = await startProcessStack({ broker: true, env: smtp.env });
  property = connectDatabase(stack.db.urlFor("property"), { max: 2 });
});
afterAll(async () => {
  await property?.close();
  await stack?.stop();
  await smtp?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(50);
  }
}

/** Accounts with a password-reset event each, and the events' outbox ids. */
async function resetEventsFor(count: number, tag: string): Promise<{ emails: string[]; eventIds: string[] }> {
  const users = await passwordResetEvents(stack.owner.prisma, property.prisma, count, tag);
  const events = await stack.owner.prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM platform.outbox WHERE event_type = 'user.password_reset_requested' AND aggregate_id = ANY(${users.map((u) => u.id)}::uuid[])`;
  return { emails: users.map((user) => user.email), eventIds: events.map((e) => e.id) };
}

function perRecipient(addresses: string[]) {
  const ids = new Map(addresses.map((address) => [address, [] as string[]]));
  for (const mail of smtp.mails) for (const to of mail.to) ids.get(to)?.push(mail.messageId);
  const lists = [...ids.values()];
  return {
    reached: lists.filter((list) => list.length > 0).length,
    doubled: lists.filter((list) => new Set(list).size > 1).length,
    resent: lists.reduce((sum, list) => sum + list.length - new Set(list).size, 0),
  };
}

describe("a worker SIGKILLed mid-batch", () => {
  it("its events are redelivered to the other replica; each recipient gets one message and one ledger row", async () => {
    const [doomed, survivor] = await Promise.all([stack.startWorker("property-worker"), stack.startWorker("property-worker")]);
    const { emails, eventIds } = await resetEventsFor(RECIPIENTS, `kill-${randomUUID().slice(0, 6)}`);
    expect(eventIds).toHaveLength(RECIPIENTS);
    await until(
      () => perRecipient(emails).reached >= RECIPIENTS / 4,
      120_000,
      () => `${perRecipient(emails).reached} reached`,
    );
    const killed = await doomed.signal("SIGKILL");
    const atKill = perRecipient(emails).reached;
    expect(killed.signal).toBe("SIGKILL");
    expect(atKill).toBeLessThan(RECIPIENTS); // killed in the middle, not after the end
    await until(
      () => perRecipient(emails).reached === RECIPIENTS,
      180_000,
      () => `${perRecipient(emails).reached} of ${RECIPIENTS} reached after the kill (${atKill} at it); survivor: ${survivor.stderr().slice(-400)}`,
    );
    await sleep(2_000); // a late redelivery that doubled something would arrive now
    const mail = perRecipient(emails);
    expect({ reached: mail.reached, doubled: mail.doubled }).toEqual({ reached: RECIPIENTS, doubled: 0 });
    expect(mail.resent).toBeLessThanOrEqual(10); // at most what the killed consumer had in hand (its prefetch)

    // The ledger: one row per event and recipient, every one sent.
    const ledger = await stack.owner.prisma.$queryRaw<{ status: string; rows: bigint; events: bigint }[]>`
      SELECT status::text, count(*) AS rows, count(DISTINCT event_id) AS events
      FROM platform.deliveries WHERE event_id = ANY(${eventIds}::uuid[]) GROUP BY status`;
    expect(ledger.map((r) => ({ status: r.status, rows: Number(r.rows), events: Number(r.events) }))).toEqual([
      { status: "sent", rows: RECIPIENTS, events: RECIPIENTS },
    ]);
    expect(stack.crashes()).toEqual([]);
  });
});
