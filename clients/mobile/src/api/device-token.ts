// The web target has no platform device token: it subscribes to Web Push instead (push.ts).
// device-token.native.ts is what a phone build loads in its place.
import type { DeviceEndpoint } from "./push.ts";

export type DeviceToken = { ok: true; device: DeviceEndpoint } | { ok: false; reason: string };

export async function deviceToken(): Promise<DeviceToken> {
  return { ok: false, reason: "This device has no platform push token." };
}
