// Explicit live routing: an event wakes exactly the channels its type's declared route names,
// an undeclared type wakes nobody (and is reported), and each relay publishes only the outbox
// rows of its own subgraph (the role that wrote them), against the real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "../db/clients.ts";
import { createLogger } from "../logger.ts";
import { LiveRouter, noLiveChannels, routeKey } from "./live-routes.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { InProcessPubSub } from "./pubsub.ts";
import { publishWakeUp, type CommittedEvent, type WakeUp } from "./wake-up.ts";

const event = (eventType: string, payload: Record<string, unknown> = {}): CommittedEvent => ({
  id: randomUUID(),
  eventType,
  aggregateType: eventType.split(".")[0]!,
  aggregateId: "a1",
  organizationId: "o1",
  payload,
});

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("test", "error");
  logger.error = (obj: Record<string, unknown>) => void lines.push(obj);
  return { logger, lines };
}

describe("live router", () => {
  const routes = {
    "fault.*": (e: CommittedEvent) => [`building:${routeKey(e, "buildingId")}`, `fault:${e.aggregateId}`],
    "vote.tally_updated": (e: CommittedEvent) => [`vote:${e.aggregateId}`],
    "user.*": noLiveChannels,
  };

  it("sends an event to the channels its type declares, an exact type before its prefix", () => {
    const router = new LiveRouter([routes, { "fault.secret": () => ["staff:o1"] }]);
    expect(router.channelsOf(event("fault.commented", { buildingId: "b1", commentId: "c1" }))).toEqual(["building:b1", "fault:a1"]);
    expect(router.channelsOf(event("fault.secret"))).toEqual(["staff:o1"]);
    expect(router.channelsOf(event("vote.tally_updated", { voteId: "a1", version: "3" }))).toEqual(["vote:a1"]);
    expect(router.channelsOf(event("user.password_changed", { userId: "u1" }))).toEqual([]);
  });

  it("does not guess a channel for an undeclared type from its payload's ids, and reports the type once", async () => {
    const { logger, lines } = recordingLogger();
    const router = new LiveRouter([routes], logger);
    const pubsub = new InProcessPubSub();
    const heard: unknown[] = [];
    for (const channel of ["conversation:c1", "message:a1", "vote:v1"]) await pubsub.subscribe(channel, (p) => heard.push(p));
    const unrouted = event("message.sent", { conversationId: "c1", messageId: "a1", voteId: "v1" });
    expect(router.channelsOf(unrouted)).toEqual([]);
    await publishWakeUp(pubsub, router, unrouted);
    await publishWakeUp(pubsub, router, { ...unrouted, id: randomUUID() });
    expect(router.routeOf("vote.closed")).toBeUndefined(); // an exact route does not cover its siblings
    expect(heard).toEqual([]);
    expect(lines.filter((line) => line.eventType === "message.sent")).toHaveLength(1);
    await pubsub.close();
  });

  it("reports an event that lacks what its route needs instead of routing it elsewhere", () => {
    const { logger, lines } = recordingLogger();
    const router = new LiveRouter([routes], logger);
    expect(router.channelsOf(event("fault.updated", { fields: ["title"] }))).toEqual([]);
    expect(String((lines[0]?.err as Error)?.message)).toContain("payload.buildingId");
  });

  it("refuses two modules declaring the same type, and patterns it cannot match", () => {
    expect(() => new LiveRouter([{ "fault.*": noLiveChannels }, { "fault.*": noLiveChannels }])).toThrow(/declared twice/);
    expect(() => new LiveRouter([{ "fault*": noLiveChannels }])).toThrow(/expected/);
    expect(() => new LiveRouter([{ "*": noLiveChannels }])).toThrow(/expected/);
  });
});

describe("outbox ownership", () => {
  let db: TestDatabase;
  let owner: DbHandle;
  let property: DbHandle;
  let reality: DbHandle;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = connectDatabase(db.ownerUrl, { max: 2 });
    property = connectDatabase(db.urlFor("property"), { max: 2 });
    reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  });

  afterAll(async () => {
    await Promise.all([owner, property, reality].map((handle) => handle?.close()));
    await db?.drop();
  });

  it("stamps each row with the role that wrote it, and each subgraph's relay publishes only its own rows", async () => {
    const write = (handle: DbHandle, eventType: string) =>
      handle.prisma.outboxEvent.create({
        data: { aggregateType: eventType.split(".")[0]!, aggregateId: randomUUID(), eventType, organizationId: null, payload: {} },
      });
    const rows = [
      await write(property, "fault.reported"),
      await write(reality, "listing.published"),
      await write(property, "fault.updated"),
      await write(reality, "listing.expired"),
    ];
    expect(rows.map((row) => row.source)).toEqual(["ppt_property", "ppt_reality", "ppt_property", "ppt_reality"]);

    const heard = { property: [] as string[], reality: [] as string[] };
    const relay = (role: "property" | "reality") => {
      const pubsub = new InProcessPubSub();
      const router = new LiveRouter([{ "fault.*": () => [`any:${role}`], "listing.*": () => [`any:${role}`] }]);
      void pubsub.subscribe(`any:${role}`, (payload) => void heard[role].push((payload as WakeUp).eventType));
      return new OutboxRelay({ databaseUrl: db.urlFor(role), pubsub, router, broker: null });
    };
    const relays = { property: relay("property"), reality: relay("reality") };
    // The property relay runs first and alone: it must leave the reality rows where they are.
    await relays.property.runOnce();
    const left = await owner.prisma.outboxEvent.findMany({
      where: { id: { in: rows.map((row) => row.id) }, publishedAt: null },
      orderBy: { createdAt: "asc" },
    });
    expect(left.map((row) => row.eventType)).toEqual(["listing.published", "listing.expired"]);
    await relays.reality.runOnce();
    expect(heard).toEqual({ property: ["fault.reported", "fault.updated"], reality: ["listing.published", "listing.expired"] });
    await Promise.all(Object.values(relays).map((r) => r.stop()));
  });
});
