// Upload bookkeeping against real PostgreSQL (RLS on) and a real S3-compatible server: pending
// uploads that were never confirmed expire and their objects are deleted, in every organization,
// while confirmed ones stay.
import { jpegWithGps } from "@ppt/testing/images";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { stagingKeyOf } from "@ppt/server-kit";
import { cleanupExpiredUploads } from "./uploads.ts";

let stack: Stack;
const tokens: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  for (const name of ["Družstvo A", "Družstvo B"]) {
    const org = (await createOrganization(db, name)).id;
    const user = (await createUser(db)).id;
    await addMember(db, org, user);
    tokens.push(await stack.tokenFor(user, org, ["manager"]));
  }
});
afterAll(() => stack?.stop());

async function upload(token: string, confirm: boolean) {
  const body = jpegWithGps().withoutGps;
  const result = await stack.query(
    `mutation { requestUpload(input: { purpose: FAULT_ATTACHMENT, fileName: "a.jpg", contentType: "image/jpeg", size: ${body.length} }) { uploadId url expiresAt } }`,
    {},
    token,
  );
  const ticket = result.data.requestUpload;
  expect(Date.parse(ticket.expiresAt)).toBeGreaterThan(Date.now());
  await fetch(ticket.url, { method: "PUT", headers: { "content-type": "image/jpeg" }, body });
  if (confirm)
    expect((await stack.query(`mutation ($id: ID!) { confirmUpload(uploadId: $id) { status } }`, { id: ticket.uploadId }, token)).errors).toBeUndefined();
  const { objectKey } = await stack.owner.prisma.fileUpload.findUniqueOrThrow({ where: { id: ticket.uploadId } });
  // A pending upload's bytes sit at its staging key; a confirmed one's at the key itself.
  return confirm ? objectKey : stagingKeyOf(objectKey);
}

describe("cleanupExpiredUploads", () => {
  it("expires unconfirmed uploads of every organization and deletes their objects, leaving confirmed ones", async () => {
    const storage = stack.property.deps.storage;
    const pendingA = await upload(tokens[0]!, false);
    const pendingB = await upload(tokens[1]!, false);
    const confirmed = await upload(tokens[0]!, true);

    // Not yet expired: nothing happens.
    expect(await cleanupExpiredUploads(stack.property.deps)).toBe(0);
    expect(await storage.head(pendingA)).not.toBeNull();

    const later = new Date(Date.now() + 60 * 60 * 1000);
    expect(await cleanupExpiredUploads(stack.property.deps, later)).toBe(2);
    expect(await storage.head(pendingA)).toBeNull();
    expect(await storage.head(pendingB)).toBeNull();
    expect(await storage.head(confirmed)).not.toBeNull();
    const rows = await stack.owner.prisma.fileUpload.findMany({
      where: { objectKey: { in: [pendingA, pendingB, confirmed].map((k) => k.replace(/^staging\//, "")) } },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.status)).toEqual(["EXPIRED", "EXPIRED", "CONFIRMED"]);
    // Idempotent: a second run finds nothing left to do.
    expect(await cleanupExpiredUploads(stack.property.deps, later)).toBe(0);
  });

  it("refuses to confirm an expired upload", async () => {
    const key = await upload(tokens[0]!, false);
    const row = await stack.owner.prisma.fileUpload.update({
      where: { objectKey: key.replace(/^staging\//, "") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const result = await stack.query(`mutation ($id: ID!) { confirmUpload(uploadId: $id) { status } }`, { id: row.id }, tokens[0]);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
