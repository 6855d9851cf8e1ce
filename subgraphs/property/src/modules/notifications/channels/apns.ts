// Apple Push Notification service (iOS devices) over HTTP/2 with a provider token: an ES256 JWT
// of our team, signed with the .p8 key (jose), reused for 40 minutes (Apple refuses tokens older
// than an hour and throttles ones renewed more often than every 20 minutes). One HTTP/2
// connection is kept and reopened when it drops. The device token is the address: 410
// Unregistered, BadDeviceToken and DeviceTokenNotForTopic are permanent and disable the device;
// everything else (our key, our topic, Apple's load) is retried and never held against it.
import http2 from "node:http2";
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import type { DeliveryOutcome } from "@ppt/server-kit";
import type { MobilePush } from "./fcm.ts";

export interface ApnsConfig {
  keyId: string;
  teamId: string;
  /** The .p8 key's PEM (PKCS#8, P-256). */
  privateKey: string;
  /** The app's bundle id. */
  topic: string;
  /** https://api.push.apple.com, or https://api.sandbox.push.apple.com for development builds. */
  url: string;
  timeoutMs: number;
}

const apnsEnv = z.object({
  APNS_KEY_ID: z.string().min(1),
  APNS_TEAM_ID: z.string().min(1),
  APNS_PRIVATE_KEY: z.string().includes("PRIVATE KEY"),
  APNS_TOPIC: z.string().min(1),
  APNS_URL: z.url().default("https://api.push.apple.com"),
});

/** Null when APNS_KEY_ID is not set: iOS devices then get no push. */
export function apnsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApnsConfig | null {
  if (!env.APNS_KEY_ID) return null;
  const parsed = apnsEnv.parse({ ...env, APNS_URL: env.APNS_URL || undefined });
  // Cleartext HTTP/2 is for a local stand-in only (tests); Apple speaks TLS.
  if (env.NODE_ENV === "production" && !parsed.APNS_URL.startsWith("https:")) throw new Error("APNS_URL must be https in production");
  return {
    keyId: parsed.APNS_KEY_ID,
    teamId: parsed.APNS_TEAM_ID,
    // A PEM in one environment line often has its line breaks written as \n.
    privateKey: parsed.APNS_PRIVATE_KEY.replace(/\\n/g, "\n"),
    topic: parsed.APNS_TOPIC,
    url: parsed.APNS_URL.replace(/\/+$/, ""),
    timeoutMs: 10_000,
  };
}

/** Apple's reasons that say the device token will never work again (with 410 Unregistered). */
const DEVICE_GONE = new Set(["BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered"]);
const TOKEN_LIFETIME_MS = 40 * 60_000;

export class ApnsChannel {
  private session: http2.ClientHttp2Session | null = null;
  private providerToken: { value: Promise<string>; issuedAt: number } | null = null;

  constructor(
    private readonly config: ApnsConfig,
    /** Only to trust another CA (a local stand-in in tests). */
    private readonly tls: { ca?: string } = {},
  ) {}

  private token(): Promise<string> {
    if (this.providerToken && Date.now() - this.providerToken.issuedAt < TOKEN_LIFETIME_MS) return this.providerToken.value;
    const { keyId, teamId, privateKey } = this.config;
    const value = importPKCS8(privateKey, "ES256").then((key) =>
      new SignJWT({}).setProtectedHeader({ alg: "ES256", kid: keyId }).setIssuer(teamId).setIssuedAt().sign(key),
    );
    this.providerToken = { value, issuedAt: Date.now() };
    value.catch(() => (this.providerToken = null));
    return value;
  }

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.config.url, this.tls.ca ? { ca: this.tls.ca } : {});
    // A dropped connection is reopened by the next send; its error reaches the streams on it.
    session.on("error", () => undefined);
    session.on("close", () => {
      if (this.session === session) this.session = null;
    });
    session.on("goaway", () => {
      if (this.session === session) this.session = null;
    });
    // Idle between bursts: do not keep the worker alive for it.
    session.unref();
    this.session = session;
    return session;
  }

  async send(deviceToken: string, push: MobilePush, ttlSeconds = 24 * 3600): Promise<DeliveryOutcome> {
    let token: string;
    try {
      token = await this.token();
    } catch (error) {
      return { kind: "temporary", reason: `provider token: ${error instanceof Error ? error.message : String(error)}` };
    }
    const payload = JSON.stringify({ aps: { alert: { title: push.title, body: push.body }, sound: "default" }, ...push.data });
    const answer = await new Promise<{ status: number; apnsId?: string; body: string } | { error: string }>((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.connect().request({
          ":method": "POST",
          ":path": `/3/device/${encodeURIComponent(deviceToken)}`,
          authorization: `bearer ${token}`,
          "apns-topic": this.config.topic,
          "apns-push-type": "alert",
          "apns-priority": "10",
          "apns-expiration": String(Math.floor(Date.now() / 1000) + ttlSeconds),
          "content-type": "application/json",
        });
      } catch (error) {
        resolve({ error: error instanceof Error ? error.message : String(error) });
        return;
      }
      stream.setTimeout(this.config.timeoutMs, () => stream.close(http2.constants.NGHTTP2_CANCEL));
      let status = 0;
      let apnsId: string | undefined;
      const chunks: Buffer[] = [];
      stream.on("response", (headers) => {
        status = Number(headers[":status"]);
        apnsId = typeof headers["apns-id"] === "string" ? headers["apns-id"] : undefined;
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => resolve({ error: error.message }));
      stream.on("close", () =>
        resolve(status ? { status, apnsId, body: Buffer.concat(chunks).toString("utf8") } : { error: "stream closed without an answer" }),
      );
      stream.end(payload);
    });
    if ("error" in answer) return { kind: "temporary", reason: answer.error };
    if (answer.status === 200) return { kind: "ok", providerId: answer.apnsId };
    const reason = (() => {
      try {
        const parsed = (JSON.parse(answer.body) as { reason?: unknown }).reason;
        return typeof parsed === "string" ? parsed : "";
      } catch {
        return "";
      }
    })();
    // Apple no longer takes our token (expired, revoked key): sign a new one for the retry.
    if (answer.status === 403 && /ProviderToken/.test(reason)) this.providerToken = null;
    if (answer.status === 410 || DEVICE_GONE.has(reason)) return { kind: "permanent", reason: `${answer.status} ${reason} device token refused`.trim() };
    return { kind: "temporary", reason: `${answer.status} ${reason}`.trim() };
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}
