// Web Push (RFC 8030/8291/8292) with web-push: the payload is encrypted for the subscription's
// keys and the request signed with our VAPID key. 404/410 mean the subscription is gone
// (permanent: the caller deletes it); 429 and 5xx are retried.
import type https from "node:https";
import webpush, { WebPushError, type PushSubscription } from "web-push";
import { outcomeOfHttpStatus, type DeliveryOutcome } from "@ppt/server-kit";

export interface VapidConfig {
  /** A mailto: or https: contact the push services may use. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

/**
 * VAPID keys from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY; outside production a missing pair is
 * generated (subscriptions made with it stop working when the process restarts, which is
 * acceptable for development only).
 */
export function vapidConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VapidConfig {
  const subject = env.VAPID_SUBJECT ?? "mailto:admin@ppt.localhost";
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { subject, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  if (env.NODE_ENV === "production") throw new Error("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production");
  return { subject, ...webpush.generateVAPIDKeys() };
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
