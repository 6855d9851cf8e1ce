// FCM and APNs against real peers started here: an HTTP server standing in for Google's token
// endpoint and FCM's v1 API, and an HTTP/2 server over TLS (a throwaway certificate trusted by
// this test only) standing in for APNs. They check what the channels really send: the signed
// grants and provider tokens (verified with the public halves of the keys), the headers and the
// payloads; and how each answer is classified.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApnsChannel, apnsConfigFromEnv } from "./apns.ts";
import { FcmChannel, fcmConfigFromEnv } from "./fcm.ts";

const push = { title: "Poruchy", body: "Stav poruchy sa zmenil.", data: { kind: "fault.status_changed", category: "faults", faultId: "f-1" } };

describe("FCM (HTTP v1 with a service account's access token)", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const grants: URLSearchParams[] = [];
  const sends: Array<{ url: string; authorization?: string; body: { message: Record<string, unknown> } }> = [];
  let answer: { status: number; body: unknown } = { status: 200, body: { name: "projects/ppt-test/messages/1" } };
  let issued = 0;
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        if (request.url === "/token") {
          grants.push(new URLSearchParams(body));
          issued++;
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: `access-${issued}`, expires_in: 3599 }));
          return;
        }
        sends.push({ url: request.url!, authorization: request.headers.authorization, body: JSON.parse(body) as { message: Record<string, unknown> } });
        response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function channel() {
    const config = fcmConfigFromEnv({
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify({
        type: "service_account",
        project_id: "ppt-test",
        private_key_id: "key-1",
        private_key: rsa.privateKey.export({ type: "pkcs8", format: "pem" }),
        client_email: "push@ppt-test.iam.gserviceaccount.com",
        token_uri: `${origin}/token`,
      }),
      FCM_API_URL: origin,
    });
    return new FcmChannel(config!);
  }

  const gone = (errorCode: string, status: number) => ({
    status,
    body: { error: { code: status, status: "X", details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode }] } },
  });

  it("is off without a service account", () => {
    expect(fcmConfigFromEnv({})).toBeNull();
  });

  it("trades a signed grant for an access token once and sends the message with it", async () => {
    answer = { status: 200, body: { name: "projects/ppt-test/messages/1" } };
    const fcm = channel();
    const before = { grants: grants.length, sends: sends.length };
    expect(await fcm.send("android-token-1", push, 600)).toEqual({ kind: "ok", providerId: "projects/ppt-test/messages/1" });
    expect((await fcm.send("android-token-2", push)).kind).toBe("ok");

    // One grant for both messages: an RS256 JWT of the service account, for FCM's scope, addressed to the token endpoint.
    expect(grants.length - before.grants).toBe(1);
    const grant = grants.at(-1)!;
    expect(grant.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const assertion = grant.get("assertion")!;
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: "RS256", kid: "key-1" });
    const publicKey = await importSPKI(rsa.publicKey.export({ type: "spki", format: "pem" }) as string, "RS256");
    const { payload } = await jwtVerify(assertion, publicKey, { issuer: "push@ppt-test.iam.gserviceaccount.com", audience: `${origin}/token` });
    expect(payload.scope).toBe("https://www.googleapis.com/auth/firebase.messaging");
    expect(payload.exp! - payload.iat!).toBe(3600);

    const [first, second] = sends.slice(before.sends);
    expect(first!.url).toBe("/v1/projects/ppt-test/messages:send");
    expect(first!.authorization).toBe(`Bearer access-${issued}`);
    expect(second!.authorization).toBe(first!.authorization);
    expect(first!.body.message).toEqual({
      token: "android-token-1",
      notification: { title: "Poruchy", body: "Stav poruchy sa zmenil." },
      data: { kind: "fault.status_changed", category: "faults", faultId: "f-1" },
      android: { ttl: "600s", priority: "HIGH" },
    });
    expect(second!.body.message.token).toBe("android-token-2");
  });

  it("reports a dead device token as permanent and our own or FCM's trouble as temporary", async () => {
    const fcm = channel();
    const outcomes: string[] = [];
    for (const next of [
      gone("UNREGISTERED", 404),
      gone("INVALID_ARGUMENT", 400),
      gone("SENDER_ID_MISMATCH", 403),
      { status: 403, body: { error: { code: 403, status: "PERMISSION_DENIED" } } },
      { status: 404, body: { error: { code: 404, status: "NOT_FOUND" } } },
      gone("QUOTA_EXCEEDED", 429),
      gone("UNAVAILABLE", 503),
    ]) {
      answer = next;
      outcomes.push((await fcm.send("android-token-x", push)).kind);
    }
    expect(outcomes).toEqual(["permanent", "permanent", "permanent", "temporary", "temporary", "temporary", "temporary"]);
  });

  it("fetches a new access token after FCM refuses the one it has", async () => {
    const fcm = channel();
    answer = { status: 200, body: { name: "m" } };
    await fcm.send("android-token-1", push);
    const token = sends.at(-1)!.authorization;
    answer = { status: 401, body: { error: { code: 401, status: "UNAUTHENTICATED" } } };
    expect((await fcm.send("android-token-1", push)).kind).toBe("temporary");
    answer = { status: 200, body: { name: "m" } };
    await fcm.send("android-token-1", push);
    expect(sends.at(-1)!.authorization).not.toBe(token);
  });

  it("is temporary when the token endpoint is unreachable", async () => {
    const config = fcmConfigFromEnv({
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify({
        project_id: "p",
        client_email: "e@p",
        private_key: rsa.privateKey.export({ type: "pkcs8", format: "pem" }),
        token_uri: "http://127.0.0.1:1/token",
      }),
      FCM_API_URL: origin,
    });
    expect((await new FcmChannel(config!).send("t", push)).kind).toBe("temporary");
  });
});

describe("APNs (HTTP/2 with a provider token)", () => {
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const requests: Array<{ headers: http2.IncomingHttpHeaders; body: Record<string, unknown> }> = [];
  let answer: { status: number; reason?: string } = { status: 200 };
  let sessions = 0;
  const openSessions = new Set<http2.ServerHttp2Session>();
  let server: http2.Http2SecureServer;
  let certificate: string;
  let url: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "apns-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    certificate = readFileSync(join(dir, "cert.pem"), "utf8");
    const key = readFileSync(join(dir, "key.pem"), "utf8");
    rmSync(dir, { recursive: true });
    server = http2.createSecureServer({ key, cert: certificate });
    server.on("session", (session) => {
      sessions++;
      openSessions.add(session);
      session.on("close", () => openSessions.delete(session));
    });
    server.on("stream", (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        requests.push({ headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
        stream.respond({ ":status": answer.status, "apns-id": "apns-1", "content-type": "application/json" });
        stream.end(answer.reason ? JSON.stringify({ reason: answer.reason }) : undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function channel() {
    const config = apnsConfigFromEnv({
      APNS_KEY_ID: "KEY123",
      APNS_TEAM_ID: "TEAM456",
      // As one environment line, with its line breaks escaped.
      APNS_PRIVATE_KEY: (ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string).replace(/\n/g, "\\n"),
      APNS_TOPIC: "sk.ppt.app",
      APNS_URL: url,
    });
    return new ApnsChannel(config!, { ca: certificate });
  }

  it("is off without a key and refuses cleartext in production", () => {
    expect(apnsConfigFromEnv({})).toBeNull();
    const pem = ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(() =>
      apnsConfigFromEnv({
        NODE_ENV: "production",
        APNS_KEY_ID: "K",
        APNS_TEAM_ID: "T",
        APNS_PRIVATE_KEY: pem,
        APNS_TOPIC: "t",
        APNS_URL: "http://127.0.0.1:1",
      }),
    ).toThrow(/https/);
  });

  it("sends an alert to the device over one HTTP/2 connection, signed with our team's key", async () => {
    answer = { status: 200 };
    const apns = channel();
    const before = { requests: requests.length, sessions };
    const token = "a".repeat(64);
    expect(await apns.send(token, push, 600)).toEqual({ kind: "ok", providerId: "apns-1" });
    expect((await apns.send("b".repeat(64), push)).kind).toBe("ok");
    apns.close();
    expect(sessions - before.sessions).toBe(1);

    const [first, second] = requests.slice(before.requests);
    expect(first!.headers[":method"]).toBe("POST");
    expect(first!.headers[":path"]).toBe(`/3/device/${token}`);
    expect(first!.headers["apns-topic"]).toBe("sk.ppt.app");
    expect(first!.headers["apns-push-type"]).toBe("alert");
    expect(first!.headers["apns-priority"]).toBe("10");
    const expiration = Number(first!.headers["apns-expiration"]);
    expect(Math.abs(expiration - (Date.now() / 1000 + 600))).toBeLessThan(30);
    expect(first!.body).toEqual({
      aps: { alert: { title: "Poruchy", body: "Stav poruchy sa zmenil." }, sound: "default" },
      kind: "fault.status_changed",
      category: "faults",
      faultId: "f-1",
    });
    expect(second!.headers[":path"]).toBe(`/3/device/${"b".repeat(64)}`);

    // The provider token: ES256 with our key id, issued by our team, verifiable with the key's public half; reused.
    const [scheme, jwt] = (first!.headers.authorization as string).split(" ");
    expect(scheme).toBe("bearer");
    expect(decodeProtectedHeader(jwt!)).toEqual({ alg: "ES256", kid: "KEY123" });
    const publicKey = await importSPKI(ec.publicKey.export({ type: "spki", format: "pem" }) as string, "ES256");
    const { payload } = await jwtVerify(jwt!, publicKey, { issuer: "TEAM456" });
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(30);
    expect(second!.headers.authorization).toBe(first!.headers.authorization);
  });

  it("reports a dead device token as permanent and our own or Apple's trouble as temporary", async () => {
    const apns = channel();
    const outcomes: string[] = [];
    for (const next of [
      { status: 410, reason: "Unregistered" },
      { status: 400, reason: "BadDeviceToken" },
      { status: 400, reason: "DeviceTokenNotForTopic" },
      { status: 400, reason: "BadTopic" },
      { status: 403, reason: "InvalidProviderToken" },
      { status: 429, reason: "TooManyRequests" },
      { status: 503, reason: "ServiceUnavailable" },
    ]) {
      answer = next;
      outcomes.push((await apns.send("c".repeat(64), push)).kind);
    }
    apns.close();
    expect(outcomes).toEqual(["permanent", "permanent", "permanent", "temporary", "temporary", "temporary", "temporary"]);
  });

  it("is temporary when APNs is unreachable, and reconnects once it is back", async () => {
    const apns = channel();
    answer = { status: 200 };
    expect((await apns.send("d".repeat(64), push)).kind).toBe("ok");
    // The connection drops (APNs closes idle ones): the next send opens a new one.
    for (const session of openSessions) session.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await apns.send("d".repeat(64), push)).kind).toBe("ok");
    apns.close();
    const config = apnsConfigFromEnv({
      APNS_KEY_ID: "K",
      APNS_TEAM_ID: "T",
      APNS_PRIVATE_KEY: ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      APNS_TOPIC: "t",
      APNS_URL: "https://127.0.0.1:1",
    });
    const down = new ApnsChannel(config!);
    expect((await down.send("d".repeat(64), push)).kind).toBe("temporary");
    down.close();
  });
});
