// Firebase Cloud Messaging (Android devices) over the HTTP v1 API. FCM accepts an OAuth2 access
// token of a service account: we sign the account's JWT grant (RFC 7523, RS256, jose) and trade
// it at the account's token_uri, keeping the token until shortly before it expires. The device
// token is the address: UNREGISTERED (404), an invalid token (400 INVALID_ARGUMENT: our payload
// is always well formed, so FCM's own guidance reads it as a bad token) and SENDER_ID_MISMATCH
// (403) are permanent, and disable the device. Everything else is ours or FCM's and is retried, never
// held against the device (a wrong project or key would otherwise disable every phone).
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import type { DeliveryOutcome } from "@ppt/server-kit";

export interface FcmConfig {
  projectId: string;
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  /** Where the JWT grant is traded for an access token (the service account's token_uri). */
  tokenUri: string;
  /** FCM's origin: https://fcm.googleapis.com. */
  apiUrl: string;
  timeoutMs: number;
}

const serviceAccount = z.object({
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().includes("PRIVATE KEY"),
  private_key_id: z.string().optional(),
  token_uri: z.url().default("https://oauth2.googleapis.com/token"),
});

/** Null when FCM_SERVICE_ACCOUNT_JSON is not set: Android devices then get no push. */
export function fcmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FcmConfig | null {
  if (!env.FCM_SERVICE_ACCOUNT_JSON) return null;
  let json: unknown;
  try {
    json = JSON.parse(env.FCM_SERVICE_ACCOUNT_JSON);
  } catch {
    throw new Error("FCM_SERVICE_ACCOUNT_JSON is not JSON (paste the service account's key file)");
  }
  const account = serviceAccount.parse(json);
  return {
    projectId: env.FCM_PROJECT_ID || account.project_id,
    clientEmail: account.client_email,
    privateKey: account.private_key,
    privateKeyId: account.private_key_id,
    tokenUri: account.token_uri,
    apiUrl: z
      .url()
      .parse(env.FCM_API_URL || "https://fcm.googleapis.com")
      .replace(/\/+$/, ""),
    timeoutMs: 10_000,
  };
}

/** What a device shows (nothing personal: see push-text.ts) and the ids the app opens. */
export interface MobilePush {
  title: string;
  body: string;
  data: Record<string, string>;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

/** FCM error codes that say the device token will never work again. */
const DEVICE_GONE = new Set(["UNREGISTERED", "INVALID_ARGUMENT", "SENDER_ID_MISMATCH"]);

interface FcmErrorBody {
  error?: { status?: string; message?: string; details?: Array<{ errorCode?: string }> };
}

export class FcmChannel {
  private accessToken: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly config: FcmConfig) {}

  private async token(): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now()) return this.accessToken.value;
    // One exchange at a time: concurrent sends share it.
    this.pending ??= this.exchange().finally(() => (this.pending = null));
    return this.pending;
  }

  private async exchange(): Promise<string> {
    const { config } = this;
    const key = await importPKCS8(config.privateKey, "RS256");
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(config.privateKeyId ? { kid: config.privateKeyId } : {}) })
      .setIssuer(config.clientEmail)
      .setSubject(config.clientEmail)
      .setAudience(config.tokenUri)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);
    const response = await fetch(config.tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (!response.ok || typeof body.access_token !== "string") throw new Error(`FCM access token refused: ${response.status}`);
    const lifetime = typeof body.expires_in === "number" ? body.expires_in : 3600;
    // A minute's margin: a token must not expire between here and FCM.
    this.accessToken = { value: body.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000 };
    return body.access_token;
  }

  async send(deviceToken: string, push: MobilePush, ttlSeconds = 24 * 3600): Promise<DeliveryOutcome> {
    const { config } = this;
    let response: Response;
    try {
      const accessToken = await this.token();
      response = await fetch(`${config.apiUrl}/v1/projects/${encodeURIComponent(config.projectId)}/messages:send`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          message: {
            token: deviceToken,
            notification: { title: push.title, body: push.body },
            data: push.data,
            android: { ttl: `${ttlSeconds}s`, priority: "HIGH" },
          },
        }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      return { kind: "temporary", reason: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => "");
    if (response.ok) {
      const name = (() => {
        try {
          return (JSON.parse(text) as { name?: unknown }).name;
        } catch {
          return undefined;
        }
      })();
      return { kind: "ok", providerId: typeof name === "string" ? name : undefined };
    }
    const error = (() => {
      try {
        return (JSON.parse(text) as FcmErrorBody).error ?? {};
      } catch {
        return {};
      }
    })();
    // FCM's own error code (in details) speaks of the message; the status alone may be about our project or key.
    const fcmCode = error.details?.find((detail) => detail.errorCode)?.errorCode;
    const reason = `${response.status} ${fcmCode ?? error.status ?? ""}`.trim();
    if (response.status === 401) this.accessToken = null; // expired or revoked: the next attempt gets a new one
    if (fcmCode && DEVICE_GONE.has(fcmCode)) return { kind: "permanent", reason: `${reason} device token refused` };
    return { kind: "temporary", reason };
  }
}
