// Exactly one mail per recipient over at-least-once transport, when it hurts: the worker process is
// killed with SIGKILL in the middle of 1,000 deliveries and started again, and the connection to
// RabbitMQ (through a TCP proxy this test owns; the shared broker is never restarted) is cut in the
// middle of another 1,000. Each recipient is counted at the SMTP server started here.
//
// SMTP has no transaction to join: a worker killed after the server accepted a message and before
// its delivery row committed sends that message again. It is the same message (the Message-ID comes
// from the delivery row), which is how mail stores recognise it; the kill test counts distinct
// messages per recipient and checks that any second copy is exactly such a resend. The broker
// cut, which does not touch that window, must double nothing at all.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { passwordResetEvents } from "@ppt/testing/fixtures";
import { startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startCuttingProxy, type CuttingProxy } from "@ppt/testing/tcp-proxy";
import { startStack, type Stack } from "@ppt/testing/stack";

const RABBIT = { host: "127.0.0.1", port: 5672 };
const WORKER_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "../../../worker.ts");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

let smtp: TestSmtp;
let proxy: CuttingProxy;
let stack: Stack;
let property: DbHandle;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  smtp = await startTestSmtp();
  proxy = await startCuttingProxy(RABBIT);
  stack = await startStack({ broker: true, env: { ...smtp.env } });
  // Everything that talks to RabbitMQ here (the subgraph's relay, the workers) goes through the proxy.
  await stack.property.stop();
  const { startPropertySubgraph } = await import("../../../app.ts");
  const { loadServerConfig } = await import("@ppt/server-kit");
  stack.env.AMQP_URL = `amqp://guest:guest@127.0.0.1:${proxy.port}`;
  stack.property = await startPropertySubgraph(await loadServerConfig(stack.env), 0);
  property = connectDatabase(stack.config.databaseUrl("property"), { max: 2 });
}, 60_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await property?.close();
  await stack?.stop();
  await proxy?.close();
  await smtp?.stop();
});

/** The property worker as a process of its own (a SIGKILL must kill the real thing). */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_ENTRY], {
    env: { ...process.env, ...stack.env, PORT: "0", LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.add(child);
  child.once("exit", () => workers.delete(child));
  return child;
}

/** Accounts with a password-reset event each; their addresses. */
async function resetEventsFor(count: number, tag: string): Promise<string[]> {
  return (await passwordResetEvents(stack.owner.prisma, property.prisma, count, tag)).map((user) => user.email);
}

function perRecipient(addresses: string[]) {
  const ids = new Map(addresses.map((address) => [address, [] as string[]]));
  for (const mail of smtp.mails) for (const to of mail.to) ids.get(to)?.push(mail.messageId);
  const lists = [...ids.values()];
  return {
    reached: lists.filter((list) => list.length > 0).length,
    /** Recipients with more than one distinct message. */
    doubled: lists.filter((list) => new Set(list).size > 1).length,
    /** Copies of a message already received (a resend after a kill in the acceptance-to-commit window). */
    resent: lists.reduce((sum, list) => sum + list.length - new Set(list).size, 0),
  };
}

describe("delivery under failure", () => {
  it("a worker killed with SIGKILL mid-run and started again: each of 1,000 recipients gets exactly one message (a resend is the same Message-ID)", async () => {
    const first = startWorkerProcess();
    const addresses = await resetEventsFor(1_000, "kill");
    await until(() => perRecipient(addresses).reached >= 250, 60_000, "a quarter of the mail");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = perRecipient(addresses).reached;
    expect(atKill).toBeLessThan(1_000); // killed in the middle, not after the end
    startWorkerProcess();
    await until(() => perRecipient(addresses).reached === 1_000, 90_000, "every recipient");
    await sleep(1_500); // anything doubled by a late redelivery would arrive now
    const result = perRecipient(addresses);
    expect({ reached: result.reached, doubled: result.doubled }).toEqual({ reached: 1_000, doubled: 0 });
    // At most the messages in flight at the kill (the consumer's prefetch) can have been resent.
    expect(result.resent).toBeLessThanOrEqual(8);
  }, 180_000);

  it("the broker connection cut mid-run (publishing and consuming): nothing lost, nothing doubled", async () => {
    startWorkerProcess();
    const addresses = await resetEventsFor(500, "cut");
    await until(() => perRecipient(addresses).reached >= 150, 60_000, "the first mail");
    expect(proxy.cut(1_500)).toBeGreaterThan(0);
    // Committed while the broker is unreachable: the relay keeps them until it can publish.
    addresses.push(...(await resetEventsFor(500, "cut-late")));
    await until(() => perRecipient(addresses).reached === 1_000, 120_000, "every recipient");
    await sleep(1_500);
    expect(perRecipient(addresses)).toEqual({ reached: 1_000, doubled: 0, resent: 0 });
  }, 180_000);
});
