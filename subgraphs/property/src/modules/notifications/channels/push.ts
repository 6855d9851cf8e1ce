// Web Push (RFC 8030/8291/8292) with web-push: the payload is encrypted for the subscription's
// keys and the request signed with our VAPID key. 404/410 mean the subscription is gone
// (permanent: the caller deletes it); 429 and 5xx are retried.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type https from "node:https";
import { dirname, join } from "node:path";
import webpush, { WebPushError, type PushSubscription } from "web-push";
import { outcomeOfHttpStatus, type DeliveryOutcome } from "@ppt/server-kit";

export interface VapidConfig {
  /** A mailto: or https: contact the push services may use. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

/**
 * VAPID keys from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY. Outside production a missing pair is made
 * once and kept in `dataDir` (dev-vapid-keys.json), so every process of the deployment (the
 * subgraph that tells browsers the public key, the workers that sign with the private one) holds
 * the same pair and subscriptions survive restarts; without `dataDir`, a pair for this process only.
 */
export function vapidConfigFromEnv(env: NodeJS.ProcessEnv = process.env, dataDir?: string | null): VapidConfig {
  const subject = env.VAPID_SUBJECT ?? "mailto:admin@ppt.localhost";
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { subject, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  if (env.NODE_ENV === "production") throw new Error("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production");
  return { subject, ...(dataDir ? developmentVapidKeys(join(dataDir, DEVELOPMENT_KEYS_FILE)) : webpush.generateVAPIDKeys()) };
}

/**
 * The public half of the key pushes are signed with: what a browser subscribes with. Null in
 * production without the pair (the workers refuse to start then, so nothing could be sent).
 */
export function webPushPublicKeyFromEnv(env: NodeJS.ProcessEnv = process.env, dataDir?: string | null): string | null {
  if (!(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) && env.NODE_ENV === "production") return null;
  return vapidConfigFromEnv(env, dataDir).publicKey;
}

const DEVELOPMENT_KEYS_FILE = "dev-vapid-keys.json";

function developmentVapidKeys(file: string): { publicKey: string; privateKey: string } {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // Processes starting together may race: each writes its own file and the first rename wins.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
    if (existsSync(file)) rmSync(temp);
    else renameSync(temp, file);
  }
  return JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
}

export type { PushSubscription };

export class PushChannel {
  constructor(
    private readonly vapid: VapidConfig,
    /** Only to trust another CA for push endpoints (a private push relay, tests). */
    private readonly agent?: https.Agent,
  ) {}

  async send(subscription: PushSubscription, payload: Record<string, unknown>, ttlSeconds = 24 * 3600): Promise<DeliveryOutcome> {
    try {
      const result = await webpush.sendNotification(subscription, JSON.stringify(payload), {
        vapidDetails: this.vapid,
        TTL: ttlSeconds,
        timeout: 10_000,
        ...(this.agent ? { agent: this.agent } : {}),
      });
      return { kind: "ok", providerId: result.headers.location };
    } catch (error) {
      if (error instanceof WebPushError) {
        if (error.statusCode === 404 || error.statusCode === 410) return { kind: "permanent", reason: `${error.statusCode} subscription gone` };
        return outcomeOfHttpStatus(error.statusCode, error.body ?? error.message);
      }
      return { kind: "temporary", reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
