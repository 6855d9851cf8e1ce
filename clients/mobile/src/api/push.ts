// This device's push endpoint. In a browser (the web target): a Web Push subscription through a
// service worker, with the VAPID public key the server answers (webPushPublicKey), so one build
// works against any deployment. On a phone: the platform's device token (device-token.native.ts).
import { Platform } from "react-native";
import type { PushPlatform } from "@ppt/client-shared/operations";
// Without an extension, so Metro picks device-token.native.ts for a phone build (device-token.ts on the web).
import { deviceToken } from "./device-token";

export interface DeviceEndpoint {
  platform: PushPlatform;
  endpoint: string;
  p256dh?: string;
  auth?: string;
}

export type Subscribed = { ok: true; device: DeviceEndpoint } | { ok: false; reason: string };

const WORKER = "/push-sw.js";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function webPushSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof window !== "undefined" && "PushManager" in window;
}

/** `webPushKey`: the server's VAPID public key (only a browser needs it; null: the server sends no Web Push). */
export async function subscribeDevice(webPushKey: () => Promise<string | null>): Promise<Subscribed> {
  if (Platform.OS !== "web") return deviceToken();
  if (!webPushSupported()) return { ok: false, reason: "This browser cannot receive push notifications." };
  const key = await webPushKey();
  if (!key) return { ok: false, reason: "Push notifications are not set up on this server." };
  if ((await Notification.requestPermission()) !== "granted") return { ok: false, reason: "Notifications are blocked for this app in the browser's settings." };
  const registration = await navigator.serviceWorker.register(WORKER);
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }));
  const json = subscription.toJSON();
  return { ok: true, device: { platform: "WEB", endpoint: subscription.endpoint, p256dh: json.keys?.p256dh, auth: json.keys?.auth } };
}

export async function unsubscribeDevice(): Promise<void> {
  if (Platform.OS !== "web" || !webPushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration(WORKER);
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}
