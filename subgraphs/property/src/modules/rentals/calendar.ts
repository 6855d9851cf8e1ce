// Calendar sync. Export: each unit's non-cancelled stays and blocks as an iCal feed (ical-generator)
// at a secret URL — the token is shown once, only its SHA-256 is stored, rotating revokes the old
// one. Import: an Airbnb/Booking iCal URL fetched through a port with a timeout and a size limit,
// parsed with node-ical; each event becomes a BLOCKED row keyed by (feed, UID), so a second import
// changes nothing, a moved event moves its block, and an event gone from the feed is released.
// An event that overlaps the unit's own reservation is never written over it: it is kept in the
// feed's conflicts and reported to the owner as a `rental.calendar_conflict` event (ids and dates only).
import { createHash, randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CalendarFeed, ReservationSource } from "@ppt/db/client";
import { AppError, requirePermission, TenantDb, writeOutboxEvents, type PrismaClient, type ServiceDeps } from "@ppt/server-kit";
import ical from "ical-generator";
import ipaddr from "ipaddr.js";
import nodeIcal from "node-ical";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { forEachOrganization } from "../organizations/index.ts";
import { requireUnit, runsUnit } from "./access.ts";
import { isoDay } from "./dates.ts";
import { isDatesTaken } from "./reservations.ts";

export const EXPORT_PATH = "/rentals/calendar.ics";
export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_FEED_BYTES = 2 * 1024 * 1024;

/** The port the import fetches through: tests and production both use the real one against a URL. */
export type IcsFetcher = (url: string) => Promise<string>;

/** Redirects followed, each to a host checked again. */
const MAX_REDIRECTS = 3;

/**
 * The URL's host must resolve only to public unicast addresses: a calendar URL is typed by a user,
 * and without this check the import would fetch from inside our network (metadata services,
 * databases, the subgraphs). A DNS answer that changes between this lookup and the connection can
 * still slip through; an egress policy in the cluster is the outer wall.
 */
async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (!addresses.length || addresses.some((address) => ipaddr.process(address).range() !== "unicast")) {
    throw AppError.badInput("The calendar URL must point to a public internet address", { field: "url", reason: "PRIVATE_ADDRESS" });
  }
}

export function httpIcsFetcher(options: { timeoutMs?: number; maxBytes?: number; allowPrivateHosts?: boolean } = {}): IcsFetcher {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  return async (url) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let target = new URL(url);
    let response: Response;
    for (let hop = 0; ; hop++) {
      if (!options.allowPrivateHosts) await assertPublicHost(target);
      response = await fetch(target, { signal, redirect: "manual", headers: { accept: "text/calendar" } });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) break;
      if (hop >= MAX_REDIRECTS) throw new Error("The calendar redirects too many times");
      target = new URL(location, target);
      if (!/^https?:$/.test(target.protocol)) throw new Error("The calendar redirects away from http(s)");
    }
    if (!response.ok || !response.body) throw new Error(`The calendar answered HTTP ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > maxBytes) throw new Error(`The calendar is larger than ${maxBytes} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Error(`The calendar is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface FeedEvent {
  uid: string;
  checkIn: Date;
  checkOut: Date;
}

/** A date-only value is the calendar day as written; a date-time counts by its UTC day. */
function dayOfEvent(value: Date & { dateOnly?: true }): Date {
  if (value.dateOnly) return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
  return new Date(`${value.toISOString().slice(0, 10)}T00:00:00Z`);
}

export function parseFeed(text: string): FeedEvent[] {
  const parsed = nodeIcal.sync.parseICS(text);
  const events: FeedEvent[] = [];
  for (const component of Object.values(parsed)) {
    if (!component || component.type !== "VEVENT" || !component.uid || !component.start) continue;
    if ((component as { status?: string }).status === "CANCELLED") continue;
    const checkIn = dayOfEvent(component.start);
    const checkOut = component.end ? dayOfEvent(component.end) : new Date(checkIn.getTime() + 86_400_000);
    if (checkOut <= checkIn) continue;
    events.push({ uid: String(component.uid).slice(0, 255), checkIn, checkOut });
  }
  return events;
}

export interface SyncResult {
  feed: CalendarFeed;
  added: number;
  updated: number;
  released: number;
  conflicts: number;
}

/** One import feed against its fetched text, under the feed's tenant. Safe to run again: a second run changes nothing. */
export async function syncFeed(db: TenantDb, feed: CalendarFeed, fetchIcs: IcsFetcher): Promise<SyncResult> {
  let events: FeedEvent[];
  try {
    events = parseFeed(await fetchIcs(feed.url!));
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 500) : "The calendar could not be read";
    const row = await db.write((tx) => tx.calendarFeed.update({ where: { id: feed.id }, data: { lastError: message } }));
    return { feed: row, added: 0, updated: 0, released: 0, conflicts: 0 };
  }
  const existing = await db.read((tx) => tx.reservation.findMany({ where: { calendarFeedId: feed.id } }));
  const byUid = new Map(existing.map((r) => [r.externalId!, r]));
  const seen = new Set(events.map((e) => e.uid));
  let added = 0;
  let updated = 0;
  let released = 0;
  const conflicts: { uid: string; checkIn: string; checkOut: string }[] = [];
  // Each event in its own transaction: one refused by the exclusion constraint leaves the others.
  for (const event of events) {
    const current = byUid.get(event.uid);
    if (current && current.checkIn.getTime() === event.checkIn.getTime() && current.checkOut.getTime() === event.checkOut.getTime()) continue;
    try {
      await db.write(async (tx) => {
        if (current) await tx.reservation.update({ where: { id: current.id }, data: { checkIn: event.checkIn, checkOut: event.checkOut } });
        else
          await tx.reservation.create({
            data: {
              organizationId: feed.organizationId,
              unitId: feed.unitId,
              calendarFeedId: feed.id,
              externalId: event.uid,
              source: feed.source,
              status: "BLOCKED",
              guestCount: 0,
              checkIn: event.checkIn,
              checkOut: event.checkOut,
            },
          });
      });
      if (current) updated += 1;
      else added += 1;
    } catch (error) {
      // A sync running at the same moment (the job and a manual sync) wrote this UID first.
      if ((error as { code?: string }).code === "P2002") continue;
      if (!isDatesTaken(error)) throw error;
      conflicts.push({ uid: event.uid, checkIn: isoDay(event.checkIn), checkOut: isoDay(event.checkOut) });
    }
  }
  const gone = existing.filter((r) => !seen.has(r.externalId!));
  const row = await db.write(async (tx) => {
    // The feed's conflicts as the last sync left them, read under the row's lock: a sync running
    // at the same moment (the job on another replica, a manual sync) waits here, then sees these
    // conflicts as known. The owner hears of each conflict once, not on every sync.
    const [locked] = await tx.$queryRaw<{ conflicts: { uid: string; checkIn: string }[] }[]>`
      SELECT conflicts FROM property.calendar_feeds WHERE id = ${feed.id}::uuid FOR UPDATE`;
    const previous = new Set((locked?.conflicts ?? []).map((c) => `${c.uid}/${c.checkIn}`));
    const fresh = conflicts.filter((c) => !previous.has(`${c.uid}/${c.checkIn}`));
    if (gone.length) released = (await tx.reservation.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } })).count;
    await writeOutboxEvents(
      tx,
      fresh.map((c) => ({
        aggregateType: "calendar_feed",
        aggregateId: feed.id,
        eventType: "rental.calendar_conflict",
        organizationId: feed.organizationId,
        payload: { unitId: feed.unitId, source: feed.source, uid: c.uid, checkIn: c.checkIn, checkOut: c.checkOut, actorId: null },
      })),
    );
    return tx.calendarFeed.update({ where: { id: feed.id }, data: { lastSyncedAt: new Date(), lastError: null, conflicts } });
  });
  return { feed: row, added, updated, released, conflicts: conflicts.length };
}

/** The scheduled import: every organization's import feeds, under its own tenant. */
export async function syncCalendarImports(deps: { prisma: PrismaClient; fetchIcs?: IcsFetcher; allowPrivateHosts?: boolean }): Promise<number> {
  const fetchIcs = deps.fetchIcs ?? httpIcsFetcher({ allowPrivateHosts: deps.allowPrivateHosts });
  const synced = await forEachOrganization(deps.prisma, "syncCalendarImports", async (db) => {
    const feeds = await db.read((tx) => tx.calendarFeed.findMany({ where: { direction: "IMPORT", revokedAt: null } }));
    for (const feed of feeds) await syncFeed(db, feed, fetchIcs);
    return feeds.length;
  });
  return synced.reduce((sum, n) => sum + n, 0);
}

const urlSchema = z.url({ protocol: /^https?$/ }).max(2000);

export async function addCalendarImport(ctx: PropertyContext, unitId: string, url: string, source: ReservationSource): Promise<CalendarFeed> {
  await requireUnit(ctx, unitId, "rentals:write");
  const parsed = urlSchema.safeParse(url.trim());
  if (!parsed.success) throw AppError.badInput("An http(s) calendar URL", { field: "url" });
  const { feed, event } = await ctx.db.write(async (tx) => {
    const feed = await tx.calendarFeed.create({ data: { organizationId: ctx.caller!.organizationId!, unitId, direction: "IMPORT", url: parsed.data, source } });
    const event = await recordChange(tx, ctx, {
      entityType: "calendar_feed",
      entityId: feed.id,
      eventType: "rental.calendar_import_added",
      payload: { unitId, source },
    });
    return { feed, event };
  });
  ctx.events.committed(event);
  return feed;
}

async function visibleFeed(ctx: PropertyContext, id: string): Promise<CalendarFeed> {
  requirePermission(ctx.caller, "rentals:write");
  const feed = await ctx.db.read((tx) => tx.calendarFeed.findUnique({ where: { id } }));
  if (!feed || feed.revokedAt || !(await runsUnit(ctx, feed.unitId))) throw AppError.notFound("CalendarFeed");
  return feed;
}

export async function removeCalendarFeed(ctx: PropertyContext, id: string): Promise<boolean> {
  const feed = await visibleFeed(ctx, id);
  const event = await ctx.db.write(async (tx) => {
    // An import's blocks go with it (cascade); an export is revoked (its token stops working).
    if (feed.direction === "IMPORT") await tx.calendarFeed.delete({ where: { id } });
    else await tx.calendarFeed.update({ where: { id }, data: { revokedAt: new Date() } });
    return recordChange(tx, ctx, { entityType: "calendar_feed", entityId: id, eventType: "rental.calendar_feed_removed", payload: { unitId: feed.unitId } });
  });
  ctx.events.committed(event);
  return true;
}

export async function syncCalendarFeed(ctx: PropertyContext, id: string, fetchIcs: IcsFetcher = ctx.services.calendarFetcher): Promise<SyncResult> {
  const feed = await visibleFeed(ctx, id);
  if (feed.direction !== "IMPORT") throw AppError.badInput("Only an imported calendar syncs", { field: "id" });
  return syncFeed(ctx.db, feed, fetchIcs);
}

export async function rotateCalendarExport(ctx: PropertyContext, unitId: string): Promise<{ feed: CalendarFeed; path: string }> {
  await requireUnit(ctx, unitId, "rentals:write");
  const token = randomBytes(32).toString("base64url");
  const { feed, event } = await ctx.db.write(async (tx) => {
    await tx.calendarFeed.updateMany({ where: { unitId, direction: "EXPORT", revokedAt: null }, data: { revokedAt: new Date() } });
    const feed = await tx.calendarFeed.create({
      data: { organizationId: ctx.caller!.organizationId!, unitId, direction: "EXPORT", tokenHash: hashToken(token) },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "calendar_feed",
      entityId: feed.id,
      eventType: "rental.calendar_export_rotated",
      payload: { unitId },
    });
    return { feed, event };
  });
  ctx.events.committed(event);
  return { feed, path: `${EXPORT_PATH}?token=${token}` };
}

export async function calendarFeedsOf(ctx: PropertyContext, unitId: string): Promise<CalendarFeed[]> {
  await requireUnit(ctx, unitId);
  return ctx.db.read((tx) => tx.calendarFeed.findMany({ where: { unitId, revokedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }));
}

/** The export feed's text for a token, or null (unknown or revoked token). No guest data: dates and a neutral title. */
export async function exportFeedText(prisma: PrismaClient, token: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ feed_id: string; organization_id: string; unit_id: string }[]>`
    SELECT feed_id, organization_id, unit_id FROM property.calendar_export_by_token(${hashToken(token)})`;
  const found = rows[0];
  if (!found) return null;
  const db = new TenantDb(prisma, { organizationId: found.organization_id, userId: null });
  try {
    const stays = await db.read((tx) =>
      tx.reservation.findMany({ where: { unitId: found.unit_id, status: { not: "CANCELLED" } }, orderBy: [{ checkIn: "asc" }, { id: "asc" }], take: 5000 }),
    );
    const calendar = ical({ name: "PPT", prodId: { company: "PPT", product: "rentals", language: "EN" } });
    for (const stay of stays) {
      calendar.createEvent({
        id: stay.externalId && stay.calendarFeedId ? `${stay.externalId}` : `${stay.id}@ppt`,
        start: isoDay(stay.checkIn),
        end: isoDay(stay.checkOut),
        allDay: true,
        summary: stay.status === "BLOCKED" ? "Blocked" : "Reserved",
      });
    }
    return calendar.toString();
  } finally {
    await db.close();
  }
}

export function rentalRoutes(deps: ServiceDeps) {
  return {
    [EXPORT_PATH]: async (req: IncomingMessage, res: ServerResponse) => {
      const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("token") ?? "";
      const text = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await exportFeedText(deps.prisma, token) : null;
      if (text === null) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("Not found");
        return;
      }
      res.writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store" });
      res.end(text);
    },
  };
}
