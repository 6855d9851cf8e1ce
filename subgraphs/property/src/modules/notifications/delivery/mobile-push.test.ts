// Push to phones end to end: a manager's Android and iOS apps register their device tokens
// through the gateway; a resident reports a fault; the relay publishes it to RabbitMQ and the
// property worker sends it to FCM and APNs, here a local HTTP server (Google's token endpoint and
// FCM's v1 API) and a local HTTP/2 server (APNs, cleartext: a local stand-in only). What they
// receive is checked: the access token FCM granted, the APNs provider token, and a lock-screen
// text that names no fault. When FCM says UNREGISTERED and APNs 410, both devices are disabled
// and the next fault is not sent to them.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount, createOrganization, createOwnedBuilding } from "@ppt/testing/fixtures";
import { startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../../jobs.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ANDROID_TOKEN = "fcm-token_of:the-managers-phone-0123456789abcdef";
const IOS_TOKEN = "0f".repeat(32);

let smtp: TestSmtp;
let stack: Stack;
let worker: Awaited<ReturnType<typeof startPropertyWorker>>;
let fcmServer: http.Server;
let apnsServer: http2.Http2Server;
const fcmSends: Array<{ authorization?: string; message: { token: string; notification: { title: string; body: string }; data: Record<string, string> } }> = [];
const apnsSends: Array<{
  path: string;
  authorization: string;
  topic: string;
  body: { aps: { alert: { title: string; body: string } } } & Record<string, unknown>;
}> = [];
let fcmAnswer: { status: number; body: unknown } = { status: 200, body: { name: "projects/ppt-test/messages/1" } };
let apnsAnswer: { status: number; reason?: string } = { status: 200 };
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
let org: string;
let buildingId: string;
let reporterToken: string;
let manager: { id: string; email: string; token: string };

beforeAll(async () => {
  smtp = await startTestSmtp();
  fcmServer = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (request.url === "/token") {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "granted-access", expires_in: 3599 }));
        return;
      }
      fcmSends.push({ authorization: request.headers.authorization, ...(JSON.parse(body) as { message: (typeof fcmSends)[number]["message"] }) });
      response.writeHead(fcmAnswer.status, { "content-type": "application/json" }).end(JSON.stringify(fcmAnswer.body));
    });
  });
  await new Promise<void>((resolve) => fcmServer.listen(0, "127.0.0.1", resolve));
  apnsServer = http2.createServer();
  apnsServer.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      apnsSends.push({
        path: headers[":path"]!,
        authorization: headers.authorization!,
        topic: headers["apns-topic"] as string,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as (typeof apnsSends)[number]["body"],
      });
      stream.respond({ ":status": apnsAnswer.status, "apns-id": "apns-1" });
      stream.end(apnsAnswer.reason ? JSON.stringify({ reason: apnsAnswer.reason }) : undefined);
    });
  });
  await new Promise<void>((resolve) => apnsServer.listen(0, "127.0.0.1", resolve));
  const fcmOrigin = `http://127.0.0.1:${(fcmServer.address() as AddressInfo).port}`;
  // The worker's channels read their configuration from the environment.
  Object.assign(process.env, {
    FCM_SERVICE_ACCOUNT_JSON: JSON.stringify({
      project_id: "ppt-test",
      client_email: "push@ppt-test.iam.gserviceaccount.com",
      private_key: rsa.privateKey.export({ type: "pkcs8", format: "pem" }),
      token_uri: `${fcmOrigin}/token`,
    }),
    FCM_API_URL: fcmOrigin,
    APNS_KEY_ID: "KEY123",
    APNS_TEAM_ID: "TEAM456",
    APNS_PRIVATE_KEY: ec.privateKey.export({ type: "pkcs8", format: "pem" }),
    APNS_TOPIC: "sk.ppt.app",
    APNS_URL: `http://127.0.0.1:${(apnsServer.address() as AddressInfo).port}`,
  });
  stack = await startStack({ broker: true, env: smtp.env });
  worker = await startPropertyWorker(stack.config, { port: 0 });
  org = (await createOrganization(stack.owner.prisma, "SVB Mobil")).id;
  const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
  buildingId = house.buildingId;
  reporterToken = await stack.tokenFor(house.units[0]!.ownerId, org, ["owner"]);
  const user = await createAccount(stack.owner.prisma, { password: "heslo-na-test-2024", organizationId: org, roles: ["manager"], firstName: "Mobil" });
  manager = { id: user.id, email: user.email, token: await stack.tokenFor(user.id, org, ["manager"]) };
});

afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
  await smtp?.stop();
  await new Promise((resolve) => fcmServer?.close(resolve));
  await new Promise((resolve) => apnsServer?.close(resolve));
  for (const name of ["FCM_SERVICE_ACCOUNT_JSON", "FCM_API_URL", "APNS_KEY_ID", "APNS_TEAM_ID", "APNS_PRIVATE_KEY", "APNS_TOPIC", "APNS_URL"])
    delete process.env[name];
});

const REGISTER = `mutation ($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) { id platform endpoint } }`;

async function reportFault(title: string): Promise<string> {
  const reported = await stack.query(
    `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
    { input: { buildingId, title, description: "Kvapká to zo stropu." } },
    reporterToken,
  );
  expect(reported.errors).toBeUndefined();
  return reported.data.reportFault.id as string;
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("refuses a malformed device token and writes nothing", async () => {
  for (const input of [
    { platform: "IOS", endpoint: "not-hex-at-all" },
    { platform: "IOS", endpoint: "ab".repeat(10) },
    { platform: "ANDROID", endpoint: "has spaces and / slashes in it, not a token" },
    { platform: "ANDROID", endpoint: "short" },
  ]) {
    const result = await stack.query(REGISTER, { input }, manager.token);
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
  }
  expect(await stack.owner.prisma.deviceToken.count({ where: { userId: manager.id } })).toBe(0);
});

it(
  "sends a fault to the manager's Android and iOS devices without naming it, and disables each device its push service calls gone",
  { timeout: 90_000 },
  async () => {
    const android = await stack.query(REGISTER, { input: { platform: "ANDROID", endpoint: ANDROID_TOKEN } }, manager.token);
    expect(android.errors).toBeUndefined();
    // An APNs token in upper case is the same device as in lower case.
    const ios = await stack.query(REGISTER, { input: { platform: "IOS", endpoint: IOS_TOKEN.toUpperCase() } }, manager.token);
    expect(ios.data.registerPushSubscription).toMatchObject({ platform: "IOS", endpoint: IOS_TOKEN });
    const again = await stack.query(REGISTER, { input: { platform: "IOS", endpoint: IOS_TOKEN } }, manager.token);
    expect(again.data.registerPushSubscription.id).toBe(ios.data.registerPushSubscription.id);

    const faultId = await reportFault("Tečie voda u Nováka v byte 12");
    await until(() => fcmSends.length > 0 && apnsSends.length > 0, "both pushes");
    const fcm = fcmSends[0]!;
    expect(fcm.authorization).toBe("Bearer granted-access");
    expect(fcm.message.token).toBe(ANDROID_TOKEN);
    expect(fcm.message.notification).toEqual({ title: "Poruchy", body: "Bola nahlásená nová porucha." });
    expect(fcm.message.data).toMatchObject({ kind: "fault.reported", category: "faults", faultId, buildingId });
    const apns = apnsSends[0]!;
    expect(apns.path).toBe(`/3/device/${IOS_TOKEN}`);
    expect(apns.topic).toBe("sk.ppt.app");
    expect(apns.body).toMatchObject({ aps: { alert: { title: "Poruchy", body: "Bola nahlásená nová porucha." } }, faultId });
    const publicKey = await importSPKI(ec.publicKey.export({ type: "spki", format: "pem" }) as string, "ES256");
    expect((await jwtVerify(apns.authorization.replace(/^bearer /, ""), publicKey, { issuer: "TEAM456" })).protectedHeader.kid).toBe("KEY123");
    // The lock screen learns nothing of the fault, the flat or the person.
    expect(JSON.stringify([fcm, apns])).not.toMatch(/Tečie|Novák|byte 12/);

    // Both push services now call the devices gone: each is disabled after one refusal.
    fcmAnswer = {
      status: 404,
      body: {
        error: { code: 404, status: "NOT_FOUND", details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "UNREGISTERED" }] },
      },
    };
    apnsAnswer = { status: 410, reason: "Unregistered" };
    await reportFault("Nesvieti svetlo");
    await until(
      async () => (await stack.owner.prisma.deviceToken.count({ where: { userId: manager.id, disabledAt: { not: null } } })) === 2,
      "both devices disabled",
    );
    expect(fcmSends).toHaveLength(2);
    expect(apnsSends).toHaveLength(2);
    const subscriptions = await stack.query(`{ pushSubscriptions { id } }`, {}, manager.token);
    expect(subscriptions.data.pushSubscriptions).toEqual([]);

    // The next fault reaches the manager by mail but no longer tries the dead devices.
    fcmAnswer = { status: 200, body: { name: "m" } };
    apnsAnswer = { status: 200 };
    await reportFault("Nefunguje zvonček");
    await smtp.waitFor(manager.email, (mail) => mail.subject.includes("Nefunguje zvonček"), 30_000);
    await sleep(1_000);
    expect(fcmSends).toHaveLength(2);
    expect(apnsSends).toHaveLength(2);
  },
);
