// The VAPID public key through the gateway: anyone may read it (a browser needs it before it can
// subscribe), and it is the public half of the pair the workers sign Web Push with, so an app
// build carries no key of its own. Outside production the pair is made once per data directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "@ppt/testing/stack";
import { vapidConfigFromEnv, webPushPublicKeyFromEnv } from "./channels/push.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe("webPushPublicKey", () => {
  it("tells an anonymous caller the public key the workers sign with", async () => {
    const answer = await stack.query<{ webPushPublicKey: string | null }>(`{ webPushPublicKey }`);
    expect(answer.errors).toBeUndefined();
    const signing = vapidConfigFromEnv({ NODE_ENV: "test" }, stack.config.dataDir);
    expect(answer.data?.webPushPublicKey).toBe(signing.publicKey);
    // An uncompressed P-256 point: what PushManager.subscribe accepts as applicationServerKey.
    expect(Buffer.from(signing.publicKey, "base64url")).toHaveLength(65);
  });
});

describe("the VAPID pair", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "vapid-"));
  const otherDataDir = mkdtempSync(join(tmpdir(), "vapid-"));
  afterAll(() => [dataDir, otherDataDir].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("is the configured one when both halves are set, and none in production without them", () => {
    const configured = { VAPID_PUBLIC_KEY: "configured-public", VAPID_PRIVATE_KEY: "configured-private", NODE_ENV: "production" };
    expect(webPushPublicKeyFromEnv(configured, dataDir)).toBe("configured-public");
    expect(webPushPublicKeyFromEnv({ NODE_ENV: "production", VAPID_PUBLIC_KEY: "half" }, dataDir)).toBeNull();
    expect(() => vapidConfigFromEnv({ NODE_ENV: "production" }, dataDir)).toThrow(/VAPID_PUBLIC_KEY/);
  });

  it("is one pair per data directory outside production, whichever process asks first", () => {
    const first = vapidConfigFromEnv({ NODE_ENV: "development" }, dataDir);
    const again = vapidConfigFromEnv({ NODE_ENV: "development" }, dataDir);
    expect(again).toEqual(first);
    expect(webPushPublicKeyFromEnv({ NODE_ENV: "development" }, dataDir)).toBe(first.publicKey);
    expect(vapidConfigFromEnv({ NODE_ENV: "development" }, otherDataDir).publicKey).not.toBe(first.publicKey);
  });
});
