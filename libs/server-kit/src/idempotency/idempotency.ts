// Idempotent mutations: a client sends a key with every mutation that must happen at most once
// (money moves, the mobile app's offline queue). The first request with a key runs and stores its
// result in the SAME transaction as its effect; a retry with the same key and parameters gets
// that result back without running again; the same key with other parameters is CONFLICT.
//
// Concurrency: the key row is claimed with INSERT … ON CONFLICT DO NOTHING before the work runs.
// A second transaction inserting the same key waits on the first one's uncommitted unique entry;
// when the first commits, the second finds the stored result, and when it rolls back (the work
// failed, the process died), the second claims the key and runs. One effect either way.
import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import type { Tx } from "../db/tenant-db.ts";

export interface IdempotentRequest {
  /** The client's key (a UUID in practice): unique per organization. */
  key: string;
  /** What the key is for, e.g. "financial.recordPayment": a key reused for another operation is CONFLICT. */
  operation: string;
  /** The parameters that define the request: the same key with different ones is CONFLICT. */
  params: unknown;
}

const MAX_KEY_LENGTH = 200;

/** JSON with object keys sorted, so equal parameters hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function requestHash(operation: string, params: unknown): string {
  return createHash("sha256")
    .update(`${operation}\n${canonicalJson(params) ?? "null"}`)
    .digest("hex");
}

interface StoredKey {
  operation: string;
  request_hash: string;
  result: unknown;
}

/**
 * Runs `run` once per (organization, key) inside the caller's transaction `tx` (which carries the
 * tenant setting). Returns what `run` returned, as JSON stores it: `run` must return a
 * JSON-serializable value (ids, amounts as strings), and the first call and every retry get the
 * same shape back.
 */
export async function withIdempotency<T>(tx: Tx, request: IdempotentRequest, run: () => Promise<T>): Promise<T> {
  const key = request.key.trim();
  if (!key || key.length > MAX_KEY_LENGTH) {
    throw AppError.badInput(`An idempotency key has 1 to ${MAX_KEY_LENGTH} characters`, { field: "idempotencyKey" });
  }
  const hash = requestHash(request.operation, request.params);
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO platform.idempotency_keys (organization_id, user_id, key, operation, request_hash)
    VALUES (NULLIF(current_setting('app.current_org', true), '')::uuid, NULLIF(current_setting('app.current_user', true), '')::uuid,
            ${key}, ${request.operation}, ${hash})
    ON CONFLICT (organization_id, key) DO NOTHING
    RETURNING id`;
  if (claimed.length === 0) {
    const [stored] = await tx.$queryRaw<StoredKey[]>`
      SELECT operation, request_hash, result FROM platform.idempotency_keys
      WHERE organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid AND key = ${key}`;
    if (!stored) throw AppError.conflict("The idempotency key is in use; retry", { reason: "IDEMPOTENCY_KEY_BUSY" });
    if (stored.operation !== request.operation || stored.request_hash !== hash) {
      throw AppError.conflict("This idempotency key was used for another request", { reason: "IDEMPOTENCY_KEY_REUSED" });
    }
    return stored.result as T;
  }
  const result = await run();
  const json = canonicalJson(result ?? null);
  await tx.$executeRaw`UPDATE platform.idempotency_keys SET result = ${json}::jsonb WHERE id = ${claimed[0]!.id}::uuid`;
  return JSON.parse(json) as T;
}
