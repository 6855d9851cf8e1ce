// Domain events leave by e-mail and SMS as each recipient chose, end to end: a resident reports a
// fault through the gateway, the relay publishes the event to RabbitMQ, the property worker's
// outbound consumer sends mail to an SMTP server started here and SMS to a local HTTP endpoint
// standing in for the provider. A muted category sends nothing; quiet hours hold the SMS until
// they end (the held-deliveries job then sends it, once) but not a password reset; a permanent
// bounce disables the address.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount, createOrganization, createOwnedBuilding } from "@ppt/testing/fixtures";
import { startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../../jobs.ts";
import { heldChannelsFromEnv, sendHeldDeliveries } from "./index.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let smtp: TestSmtp;
let stack: Stack;
let worker: Awaited<ReturnType<typeof startPropertyWorker>>;
let smsServer: Server;
const smsReceived: Array<{ to: string; text: string; key: string | undefined }> = [];
let org: string;
let buildingId: string;
let reporterToken: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  smsServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const parsed = JSON.parse(body) as { to: string; text: string };
      smsReceived.push({ to: parsed.to, text: parsed.text, key: req.headers["x-api-key"] as string | undefined });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `sms-${smsReceived.length}` }));
    });
  });
  await new Promise<void>((resolve) => smsServer.listen(0, "127.0.0.1", resolve));
  // The worker's channels read the provider from the environment.
  process.env.SMS_PROVIDER_URL = `http://127.0.0.1:${(smsServer.address() as AddressInfo).port}/sms`;
  process.env.SMS_PROVIDER_API_KEY = "test-key";
  stack = await startStack({ broker: true, env: { ...smtp.env, MANAGEMENT_APP_URL: "https://sprava.example.sk" } });
  worker = await startPropertyWorker(stack.config, { port: 0 });
  org = (await createOrganization(stack.owner.prisma, "SVB Upozornenia")).id;
  const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
  buildingId = house.buildingId;
  reporterToken = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
});

afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
  await smtp?.stop();
  await new Promise((resolve) => smsServer?.close(resolve));
  delete process.env.SMS_PROVIDER_URL;
  delete process.env.SMS_PROVIDER_API_KEY;
});

async function staff(firstName: string, phone?: string) {
  const user = await createAccount(stack.owner.prisma, { password: "heslo-na-test-2024", organizationId: org, roles: ["manager"], firstName });
  if (phone) await stack.owner.prisma.user.update({ where: { id: user.id }, data: { phone } });
  return { ...user, token: await stack.tokenFor(user.id, org, ["manager"]) };
}

async function prefer(token: string, input: Record<string, unknown>) {
  const result = await stack.query(
    `mutation ($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { timeZone } }`,
    { input },
    token,
  );
  expect(result.errors).toBeUndefined();
}

async function reportFault(title: string): Promise<string> {
  const reported = await stack.query(
    `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
    { input: { buildingId, title, description: "Kvapká to zo stropu." } },
    reporterToken,
  );
  expect(reported.errors).toBeUndefined();
  return reported.data.reportFault.id as string;
}

/** Quiet hours in Bratislava from an hour ago to two hours from now (wrapping midnight as needed). */
function quietHoursAroundNow(): { start: string; end: string; endsAt: Date } {
  const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Bratislava", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date());
  const [h, m] = local.split(":").map(Number) as [number, number];
  const at = (minutes: number) => {
    const wrapped = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
    return `${String(Math.floor(wrapped / 60)).padStart(2, "0")}:${String(wrapped % 60).padStart(2, "0")}`;
  };
  return { start: at(-60), end: at(120), endsAt: new Date(Date.now() + 120 * 60_000) };
}

it(
  "mutes, holds for quiet hours, and sends the rest: mail at once, the SMS when the quiet hours end (once), a password reset despite them",
  { timeout: 60_000 },
  async () => {
    const muted = await staff("Mária");
    const quiet = await staff("Quido", "+421900111222");
    const plain = await staff("Pavol");
    await prefer(muted.token, { channels: ["IN_APP", "EMAIL", "PUSH", "SMS"].map((channel) => ({ category: "FAULTS", channel, enabled: false })) });
    const hours = quietHoursAroundNow();
    await prefer(quiet.token, {
      timeZone: "Europe/Bratislava",
      language: "EN",
      quietHours: { start: hours.start, end: hours.end },
      channels: [{ category: "FAULTS", channel: "SMS", enabled: true }],
    });

    const faultId = await reportFault("Tečie voda v pivnici");
    const plainMail = await smtp.waitFor(plain.email);
    expect(plainMail.subject).toBe("Nová porucha: Tečie voda v pivnici");
    // Not security mail: the unsubscribe link names this person and category.
    // (mailparser files List-Unsubscribe under "list").
    expect(JSON.stringify(plainMail.headers.get("list"))).toContain("https://sprava.example.sk/odhlasenie-upozorneni?token=");
    expect(plainMail.text).toContain("https://sprava.example.sk/odhlasenie-upozorneni?token=");
    // Quiet hours hold only the intrusive channels: the mail comes now, in English.
    const quietMail = await smtp.waitFor(quiet.email);
    expect(quietMail.subject).toBe("New fault: Tečie voda v pivnici");
    await sleep(500);
    expect(smtp.to(muted.email)).toHaveLength(0);
    expect(await stack.owner.prisma.notification.count({ where: { userId: muted.id } })).toBe(0);
    expect(smsReceived).toHaveLength(0);

    // The SMS waits for the end of the quiet hours.
    const held = await stack.owner.prisma.heldDelivery.findMany({ where: { userId: quiet.id } });
    expect(held.map((row) => row.channel)).toEqual(["SMS"]);
    expect(Math.abs(held[0]!.dueAt.getTime() - hours.endsAt.getTime())).toBeLessThan(61_000);

    // A password reset in the middle of them arrives at once.
    expect((await stack.query(`mutation ($e: EmailAddress!) { requestPasswordReset(email: $e) }`, { e: quiet.email })).errors).toBeUndefined();
    // (in the account's language, Slovak: the notification language above is for notices)
    expect((await smtp.waitFor(quiet.email, (mail) => mail.subject === "Obnovenie hesla")).headers.has("list")).toBe(false);

    // Before they end the job sends nothing; once they have, the SMS goes out, once.
    const deps = { prisma: stack.owner.prisma, pool: stack.owner.pool, config: stack.config, channels: heldChannelsFromEnv(stack.config.dataDir) };
    expect(await sendHeldDeliveries(deps, new Date(hours.endsAt.getTime() - 60_000))).toBe(0);
    expect(smsReceived).toHaveLength(0);
    const after = new Date(hours.endsAt.getTime() + 1_000);
    expect(await sendHeldDeliveries(deps, after)).toBe(1);
    expect(await sendHeldDeliveries(deps, after)).toBe(0);
    expect(smsReceived).toEqual([{ to: "+421900111222", text: expect.stringContaining("New fault: Tečie voda v pivnici") as string, key: "test-key" }]);
    expect(await stack.owner.prisma.delivery.count({ where: { recipient: "+421900111222", channel: "sms", status: "sent" } })).toBe(1);
    expect(faultId).toBeTruthy();
  },
);

it("a permanent bounce disables the address: the next notification is not sent to it", { timeout: 60_000 }, async () => {
  const bouncing = await staff("Boris");
  const control = await staff("Cyril");
  smtp.refuse(bouncing.email, "permanent");
  await reportFault("Nesvieti svetlo na chodbe");
  await smtp.waitFor(control.email, (mail) => mail.subject.includes("Nesvieti svetlo"));
  for (let i = 0; i < 100 && !(await stack.owner.prisma.disabledAddress.count({ where: { address: bouncing.email } })); i++) await sleep(100);
  expect(await stack.owner.prisma.disabledAddress.count({ where: { channel: "email", address: bouncing.email } })).toBe(1);
  const attempts = smtp.attempts(bouncing.email);
  expect(attempts).toBe(1);

  await reportFault("Nefunguje zvonček");
  await smtp.waitFor(control.email, (mail) => mail.subject.includes("Nefunguje zvonček"));
  await sleep(500);
  expect(smtp.attempts(bouncing.email)).toBe(attempts);
  expect(await stack.owner.prisma.delivery.count({ where: { recipient: bouncing.email, status: "suppressed" } })).toBe(1);
});
