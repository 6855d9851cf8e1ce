// Each channel against a real receiver started here: an SMTP server, an SMS provider endpoint and
// a push service endpoint (HTTPS, as web-push only speaks HTTPS), all on loopback.
import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailChannel } from "@ppt/server-kit";
import { PushChannel } from "./push.ts";
import { SmsChannel } from "./sms.ts";
import { renderEmail } from "./templates/email-templates.ts";

interface Received {
  rcpt: string[];
  raw: string;
}

/** Decodes the quoted-printable MIME part that follows `contentType` in a raw message. */
function mimePart(raw: string, contentType: string): string {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  const body = raw.slice(raw.indexOf("\r\n\r\n", start) + 4).split(/\r\n--/)[0]!;
  const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

describe("e-mail over SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;
  let channel: EmailChannel;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith("gone@")) return callback(Object.assign(new Error("5.1.1 mailbox does not exist"), { responseCode: 550 }));
        if (address.address.startsWith("busy@")) return callback(Object.assign(new Error("4.7.1 try again later"), { responseCode: 451 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("latin1") });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
    channel = new EmailChannel({ host: "127.0.0.1", port, secure: false, from: "PPT <no-reply@ppt.test>" });
  });

  afterAll(async () => {
    channel.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers both parts in the recipient's language with List-Unsubscribe", async () => {
    const email = renderEmail(
      "fault.reported",
      "sk",
      { recipientName: "Ján", buildingAddress: "Hlavná 5, Košice", title: "Tečie voda <b>", url: "https://ppt.test/poruchy/1" },
      { unsubscribeUrl: "https://ppt.test/odhlasit?t=abc" },
    );
    const outcome = await channel.send("jan@example.sk", email);
    expect(outcome.kind).toBe("ok");
    const mail = received.at(-1)!;
    expect(mail.rcpt).toEqual(["jan@example.sk"]);
    expect(mail.raw).toMatch(/^List-Unsubscribe: <https:\/\/ppt\.test\/odhlasit\?t=abc>\r$/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(mail.raw).toMatch(/^Content-Language: sk\r$/m);
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    const text = mimePart(mail.raw, "text/plain");
    const html = mimePart(mail.raw, "text/html");
    expect(text).toContain("v dome Hlavná 5, Košice bola nahlásená porucha: Tečie voda <b>.");
    expect(text).toContain("Zobraziť poruchu: https://ppt.test/poruchy/1");
    expect(html).toContain('<html lang="sk">');
    expect(html).toContain("Tečie voda &lt;b&gt;");
    expect(html).not.toContain("Tečie voda <b>");
  });

  it("sends security mail in English without any unsubscribe header", async () => {
    const email = renderEmail("password.reset_requested", "en", { recipientName: "Jane", url: "https://ppt.test/reset?t=x", validMinutes: 30 });
    expect((await channel.send("jane@example.com", email)).kind).toBe("ok");
    const mail = received.at(-1)!;
    expect(mail.raw).not.toMatch(/^List-Unsubscribe/m);
    expect(mail.raw).toMatch(/^Content-Language: en\r$/m);
    expect(mimePart(mail.raw, "text/plain")).toContain("The link is valid for 30 minutes.");
  });

  it("classifies a 550 answer as permanent and a 451 as temporary", async () => {
    const email = renderEmail("password.reset_requested", "sk", { recipientName: "X", url: "https://ppt.test/r", validMinutes: 30 });
    const before = received.length;
    const gone = await channel.send("gone@example.sk", email);
    const busy = await channel.send("busy@example.sk", email);
    expect(gone).toMatchObject({ kind: "permanent", reason: expect.stringContaining("550") });
    expect(busy).toMatchObject({ kind: "temporary", reason: expect.stringContaining("451") });
    expect(received.length).toBe(before);
  });

  it("treats an unreachable server as temporary", async () => {
    const closed = new EmailChannel({ host: "127.0.0.1", port: 1, secure: false, from: "x@ppt.test" });
    const email = renderEmail("password.reset_requested", "sk", { recipientName: "X", url: "https://ppt.test/r", validMinutes: 30 });
    expect((await closed.send("a@example.sk", email)).kind).toBe("temporary");
    closed.close();
  });

  it("refuses to render non-security mail without an unsubscribe URL", () => {
    expect(() => renderEmail("fault.reported", "en", { recipientName: "A", buildingAddress: "B", title: "C", url: "https://d" })).toThrow(/unsubscribe/);
  });
});

describe("SMS through the HTTP provider port", () => {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: unknown }> = [];
  let answer = { status: 200, body: '{"id":"sms-1"}' };
  let server: http.Server;
  let channel: SmsChannel;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        requests.push({ headers: request.headers, body: JSON.parse(body) });
        response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
    channel = new SmsChannel({ url, apiKey: "sms-key-1", sender: "PPT", timeoutMs: 5_000 });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts the message with the API key and returns the provider's id", async () => {
    answer = { status: 200, body: '{"id":"sms-1"}' };
    expect(await channel.send("+421900123456", "Porucha v dome Hlavná 5")).toEqual({ kind: "ok", providerId: "sms-1" });
    expect(requests.at(-1)!.headers["x-api-key"]).toBe("sms-key-1");
    expect(requests.at(-1)!.headers["content-type"]).toBe("application/json");
    expect(requests.at(-1)!.body).toEqual({ to: "+421900123456", text: "Porucha v dome Hlavná 5", sender: "PPT" });
  });

  it("classifies provider refusals: a bad number is permanent, throttling and outages are temporary", async () => {
    const outcomes: string[] = [];
    for (const status of [400, 429, 503]) {
      answer = { status, body: '{"error":"x"}' };
      outcomes.push((await channel.send("+421900000000", "x")).kind);
    }
    expect(outcomes).toEqual(["permanent", "temporary", "temporary"]);
  });
});

describe("Web Push", () => {
  const requests: Array<{ url: string; headers: http.IncomingHttpHeaders; body: Buffer }> = [];
  let status = 201;
  let server: https.Server;
  let endpointBase: string;
  let certificate: string;
  const vapid = webpush.generateVAPIDKeys();

  beforeAll(async () => {
    // web-push only speaks HTTPS: a throwaway certificate for 127.0.0.1, trusted by this test only.
    const dir = mkdtempSync(join(tmpdir(), "push-"));
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
    server = https.createServer({ key, cert: certificate }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        requests.push({ url: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(status, { location: "https://push.test/m/1" }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpointBase = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function subscription() {
    const browser = createECDH("prime256v1");
    browser.generateKeys();
    return {
      endpoint: `${endpointBase}/push/${randomBytes(8).toString("hex")}`,
      keys: { p256dh: browser.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") },
    };
  }

  it("sends an encrypted payload signed with our VAPID key", async () => {
    status = 201;
    const channel = new PushChannel({ subject: "mailto:ops@ppt.test", ...vapid }, new https.Agent({ ca: certificate }));
    const target = subscription();
    const payload = { title: "Nová porucha", url: "/poruchy/1" };
    expect(await channel.send(target, payload, 600)).toEqual({ kind: "ok", providerId: "https://push.test/m/1" });

    const request = requests.at(-1)!;
    expect(request.url).toBe(new URL(target.endpoint).pathname);
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.ttl).toBe("600");
    expect(request.body.length).toBeGreaterThan(JSON.stringify(payload).length);
    expect(request.body.toString("latin1")).not.toContain("porucha");
    // The VAPID JWT (RFC 8292): audience is the push service's origin, signed by our private key.
    const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(request.headers.authorization!)!;
    expect(key).toBe(vapid.publicKey);
    const [header, claims, signature] = token!.split(".");
    expect(JSON.parse(Buffer.from(claims!, "base64url").toString())).toMatchObject({ aud: endpointBase, sub: "mailto:ops@ppt.test" });
    const publicKey = createPublicKey({
      key: {
        kty: "EC",
        crv: "P-256",
        x: Buffer.from(vapid.publicKey, "base64url").subarray(1, 33).toString("base64url"),
        y: Buffer.from(vapid.publicKey, "base64url").subarray(33).toString("base64url"),
      },
      format: "jwk",
    });
    expect(verify("sha256", Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature!, "base64url"))).toBe(
      true,
    );
  });

  it("reports a gone subscription (404, 410) as permanent and a push service outage as temporary", async () => {
    const channel = new PushChannel({ subject: "mailto:ops@ppt.test", ...vapid }, new https.Agent({ ca: certificate }));
    const outcomes: string[] = [];
    for (const answer of [404, 410, 429, 503]) {
      status = answer;
      outcomes.push((await channel.send(subscription(), { title: "x" })).kind);
    }
    expect(outcomes).toEqual(["permanent", "permanent", "temporary", "temporary"]);
  });
});
