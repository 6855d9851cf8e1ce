// What a request sees when PostgreSQL ends its session (a restart's fast shutdown, a failover, an
// administrator): the real errors Prisma and pg raise, not hand-made look-alikes, must map to
// SERVICE_UNAVAILABLE (retry later), never INTERNAL_SERVER_ERROR. The session is ended with
// pg_terminate_backend, which sends the same FATAL 57P01 a fast shutdown sends.
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAppError } from "../errors.ts";
import { connectDatabase, type DbHandle } from "./clients.ts";

let db: TestDatabase;
let victim: DbHandle;
let killer: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  // Both as the owner: a role may end its own sessions without superuser rights.
  victim = connectDatabase(db.ownerUrl, { max: 1 });
  killer = connectDatabase(db.ownerUrl, { max: 2 }); // one holds the lock, one watches and ends
});
afterAll(async () => {
  await victim?.close();
  await killer?.close();
  await db?.drop();
});

/** Runs `work` on the victim's one connection and ends that session once the statement waits on a lock. */
async function endSessionDuring(work: () => Promise<unknown>): Promise<unknown> {
  const holder = await killer.pool.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE property.buildings IN ACCESS EXCLUSIVE MODE");
    const outcome = work().then(
      () => new Error("the statement was not interrupted"),
      (error: unknown) => error,
    );
    // Wait until the victim's statement is blocked on the lock, then end its session.
    for (;;) {
      const { rows } = await killer.pool.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
        [(await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid],
      );
      if (rows[0]) {
        await killer.pool.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return await outcome;
  } finally {
    await holder.query("ROLLBACK");
    holder.release();
  }
}

describe("a database session ended under a request", () => {
  it("a model query cut by 57P01 (Prisma P2039 around the driver's error) is SERVICE_UNAVAILABLE", async () => {
    const error = await endSessionDuring(() => victim.prisma.building.findMany({ take: 1 }));
    expect(toAppError(error).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("a raw query cut by 57P01 (Prisma P2010) is SERVICE_UNAVAILABLE", async () => {
    const error = await endSessionDuring(() => victim.prisma.$queryRaw`SELECT count(*) FROM property.buildings`);
    expect(toAppError(error).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("a transaction whose session ended is SERVICE_UNAVAILABLE, and nothing of it is stored", async () => {
    const slug = `ended-${Date.now()}`;
    const error = await endSessionDuring(() =>
      victim.prisma.$transaction(async (tx) => {
        await tx.organization.create({ data: { name: "Half", slug, type: "HOUSING_COOPERATIVE", contactEmail: "half@example.sk" } });
        await tx.building.findMany({ take: 1 });
      }),
    );
    expect(toAppError(error).code).toBe("SERVICE_UNAVAILABLE");
    expect(await killer.prisma.organization.count({ where: { slug } })).toBe(0);
  });

  it("the pool serves again afterwards (the dead connection is discarded)", async () => {
    expect(await victim.prisma.building.count()).toBeGreaterThanOrEqual(0);
  });
});
