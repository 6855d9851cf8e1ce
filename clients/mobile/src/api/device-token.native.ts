// A phone's push endpoint: the platform's own device token (FCM registration token on Android,
// APNs device token on iOS) through Expo's notifications module, which the API's FCM and APNs
// channels send to directly (no Expo push service in between).
import * as Notifications from "expo-notifications";
import type { DeviceToken } from "./device-token.ts";

export async function deviceToken(): Promise<DeviceToken> {
  const asked = await Notifications.getPermissionsAsync();
  const permission = asked.granted ? asked : await Notifications.requestPermissionsAsync();
  if (!permission.granted) return { ok: false, reason: "Notifications are turned off for this app in the phone's settings." };
  const token = await Notifications.getDevicePushTokenAsync();
  if (token.type !== "android" && token.type !== "ios") return { ok: false, reason: "This device has no platform push token." };
  return { ok: true, device: { platform: token.type === "ios" ? "IOS" : "ANDROID", endpoint: String(token.data) } };
}
