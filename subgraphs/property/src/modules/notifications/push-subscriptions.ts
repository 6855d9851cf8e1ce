// The caller's push subscriptions (Web Push endpoints with their keys, or mobile device tokens).
// The same endpoint registered again is the same subscription, refreshed (and re-enabled).
import type { DevicePlatform, DeviceToken } from "@ppt/db/client";
import { AppError, isUuid } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { requireMember } from "./access.ts";

export interface PushSubscriptionInput {
  platform?: DevicePlatform | null;
  endpoint: string;
  p256dh?: string | null;
  auth?: string | null;
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** An APNs device token: hex (32 bytes today; Apple asks not to rely on the length). */
const APNS_TOKEN = /^[0-9a-f]{64,200}$/;
/** An FCM registration token: base64url with ':' (about 160 characters today). */
const FCM_TOKEN = /^[A-Za-z0-9_:-]{32,1024}$/;

/** Anyone may ask: the key is public by design (every browser that subscribes receives it). */
export function webPushPublicKey(ctx: PropertyContext): string | null {
  return ctx.services.notifications.webPushPublicKey;
}

export async function pushSubscriptions(ctx: PropertyContext): Promise<DeviceToken[]> {
  requireMember(ctx.caller);
  const userId = ctx.caller.userId;
  return ctx.db.read((tx) => tx.deviceToken.findMany({ where: { userId, disabledAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 }));
}

export async function registerPushSubscription(ctx: PropertyContext, input: PushSubscriptionInput): Promise<DeviceToken> {
  requireMember(ctx.caller);
  const { userId, organizationId } = ctx.caller;
  const platform = input.platform ?? "WEB";
  // APNs tokens are hex in any case: one spelling, so the same device is one subscription.
  const endpoint = platform === "IOS" ? input.endpoint.trim().toLowerCase() : input.endpoint.trim();
  if (!endpoint || endpoint.length > 2048) throw AppError.badInput("Invalid endpoint", { field: "endpoint" });
  if (platform === "WEB") {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {
      // refused below
    }
    if (url?.protocol !== "https:") throw AppError.badInput("A Web Push endpoint is an https URL", { field: "endpoint" });
    if (!input.p256dh || !BASE64URL.test(input.p256dh) || input.p256dh.length > 200) throw AppError.badInput("Invalid p256dh key", { field: "p256dh" });
    if (!input.auth || !BASE64URL.test(input.auth) || input.auth.length > 100) throw AppError.badInput("Invalid auth secret", { field: "auth" });
  } else if (!(platform === "IOS" ? APNS_TOKEN : FCM_TOKEN).test(endpoint)) {
    throw AppError.badInput(platform === "IOS" ? "Invalid APNs device token" : "Invalid FCM registration token", { field: "endpoint" });
  }
  const keys = platform === "WEB" ? { p256dh: input.p256dh!, authSecret: input.auth! } : { p256dh: null, authSecret: null };
  return ctx.db.write(async (tx) => {
    // Another person's registration of the same endpoint is invisible here (own_rows) and
    // collides on the (organization, token) key: CONFLICT, never a takeover.
    const existing = await tx.deviceToken.findFirst({ where: { token: endpoint, userId } });
    if (existing) {
      return tx.deviceToken.update({ where: { id: existing.id }, data: { platform, ...keys, disabledAt: null, lastSeenAt: new Date() } });
    }
    try {
      return await tx.deviceToken.create({ data: { organizationId, userId, platform, token: endpoint, ...keys } });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw AppError.conflict("This push endpoint is registered by someone else", { field: "endpoint" });
      throw error;
    }
  });
}

export async function removePushSubscription(ctx: PropertyContext, id: string): Promise<boolean> {
  requireMember(ctx.caller);
  const userId = ctx.caller.userId;
  if (!isUuid(id)) throw AppError.notFound("PushSubscription");
  const { count } = await ctx.db.write((tx) => tx.deviceToken.deleteMany({ where: { id, userId } }));
  if (!count) throw AppError.notFound("PushSubscription");
  return true;
}
