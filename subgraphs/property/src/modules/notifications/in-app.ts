// In-app notifications from domain events: who hears of a fault, an announcement, a vote or a
// unit's rentals (police registration deadlines, calendar conflicts) or its meter readings (due
// before a period closes, verified or rejected), in their own language, unless they muted that category in-app. One handler, `(event, tx)`, free
// of any transport: the worker runs it through the kit's idempotent consumer (the event id is
// recorded in platform.processed_events in the same transaction as the rows written here), so
// a redelivered event creates nothing twice. Each notification also writes `notification.added`
// to the outbox: its commit wakes the recipient's `notificationAdded` subscription.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@ppt/db/client";
import { runOnce, writeOutboxEvents, type BrokerConsumer, type BrokerEvent, type ConsumerDeps, type Tx } from "@ppt/server-kit";
import { announcementNotice } from "../announcements/index.ts";
import { residentIdsOf, unitAudienceOf, unitResidentIdsOf } from "../buildings/index.ts";
import { faultNotice } from "../faults/index.ts";
import { readingDueNotice, readingReviewNotice } from "../meters/index.ts";
import { activeMemberIdsOf, staffIdsOf } from "../organizations/index.ts";
import { policeRegistrationNotice } from "../rentals/index.ts";
import { voteNotice } from "../voting/index.ts";
import type { NotificationCategory, NotificationLanguage } from "./categories.ts";
import { planChannels } from "./plan-channels.ts";
import { recipientPreferences } from "./preferences.ts";
import { enterNotificationSystem } from "./system-scope.ts";

/** The consumer group (and processed_events consumer name) of in-app notifications. */
export const IN_APP_CONSUMER = "property.notifications.in-app";

type Text = Record<NotificationLanguage, string>;

export interface Notice {
  category: NotificationCategory;
  recipients: string[];
  title: Text;
  body?: Text;
  data: Record<string, unknown>;
}

const faultStatus: Record<string, Text> = {
  NEW: { sk: "nová", en: "new" },
  TRIAGED: { sk: "posúdená", en: "triaged" },
  IN_PROGRESS: { sk: "v riešení", en: "in progress" },
  RESOLVED: { sk: "vyriešená", en: "resolved" },
  CLOSED: { sk: "uzavretá", en: "closed" },
  REJECTED: { sk: "zamietnutá", en: "rejected" },
};

const voteOutcome: Record<string, Text> = {
  OPTION_CARRIED: { sk: "Návrh bol prijatý.", en: "The proposal carried." },
  NO_OPTION_CARRIED: { sk: "Žiadny návrh nebol prijatý.", en: "No proposal carried." },
  NO_QUORUM: { sk: "Hlasovanie nebolo uznášaniaschopné.", en: "The vote had no quorum." },
};

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** The domain events that notify people (in-app here; mail, SMS and push by the outbound consumer). */
export const noticeEvents = [
  "fault.reported",
  "fault.status_changed",
  "fault.commented",
  "announcement.published",
  "vote.published",
  "vote.closing_soon",
  "vote.closed",
  "message.digest",
  "rental.police_registration_due",
  "rental.police_registration_overdue",
  "rental.calendar_conflict",
  "meter.reading_due",
  "meter.reading_verified",
  "meter.reading_rejected",
];

const meterKind: Record<string, Text> = {
  WATER_COLD: { sk: "studenej vody", en: "cold water" },
  WATER_HOT: { sk: "teplej vody", en: "hot water" },
  HEAT: { sk: "tepla", en: "heat" },
  HEAT_COST_ALLOCATOR: { sk: "tepla (pomerové rozdeľovače)", en: "heat cost allocator" },
  GAS: { sk: "plynu", en: "gas" },
  ELECTRICITY: { sk: "elektriny", en: "electricity" },
};

const calendarSource: Record<string, Text> = {
  AIRBNB: { sk: "Airbnb", en: "Airbnb" },
  BOOKING: { sk: "Booking", en: "Booking" },
  DIRECT: { sk: "Importovaný kalendár", en: "An imported calendar" },
  OTHER: { sk: "Importovaný kalendár", en: "An imported calendar" },
};

/** What the event tells whom; null for events the centre does not announce. */
export async function noticeOf(event: BrokerEvent, tx: Tx, organizationId: string): Promise<Notice | null> {
  const p = event.payload ?? {};
  switch (event.eventType) {
    case "fault.reported":
    case "fault.status_changed":
    case "fault.commented": {
      const fault = await faultNotice(tx, event.aggregateId);
      if (!fault) return null;
      const staff = await staffIdsOf(tx, organizationId);
      // An internal comment is for staff and the assignee only.
      const reporter = event.eventType === "fault.commented" && p.internal === true ? [] : [fault.reporterId];
      const recipients = [...reporter, ...(fault.assigneeId ? [fault.assigneeId] : []), ...staff];
      const data = { faultId: fault.id, buildingId: fault.buildingId };
      if (event.eventType === "fault.reported")
        return { category: "faults", recipients, title: { sk: `Nová porucha: ${fault.title}`, en: `New fault: ${fault.title}` }, data };
      if (event.eventType === "fault.commented")
        return {
          category: "faults",
          recipients,
          title: { sk: `Nový komentár k poruche „${fault.title}“`, en: `New comment on fault “${fault.title}”` },
          data: { ...data, commentId: text(p.commentId) },
        };
      const to = text(p.to) ?? fault.status;
      const label = faultStatus[to] ?? { sk: to, en: to };
      return {
        category: "faults",
        recipients,
        title: { sk: `Porucha „${fault.title}“ je ${label.sk}`, en: `Fault “${fault.title}” is ${label.en}` },
        data: { ...data, status: to, previousStatus: text(p.from) },
      };
    }
    case "announcement.published": {
      const announcement = await announcementNotice(tx, event.aggregateId);
      if (!announcement) return null;
      const audience = announcement.buildingId
        ? await residentIdsOf(tx, { buildingId: announcement.buildingId, entranceId: announcement.entranceId })
        : await activeMemberIdsOf(tx, organizationId);
      return {
        category: "announcements",
        recipients: [...audience, ...(await staffIdsOf(tx, organizationId))],
        title: { sk: `Nové oznámenie: ${announcement.title}`, en: `New announcement: ${announcement.title}` },
        data: { announcementId: announcement.id, buildingId: announcement.buildingId },
      };
    }
    case "message.digest": {
      const recipientId = text(p.recipientId);
      const count = typeof p.unreadCount === "number" ? p.unreadCount : 0;
      if (!recipientId || count <= 0) return null;
      return {
        category: "messages",
        recipients: [recipientId],
        title: { sk: `Neprečítané správy: ${count}`, en: `Unread messages: ${count}` },
        data: { conversations: p.conversations ?? [], unreadCount: count },
      };
    }
    case "vote.published":
    case "vote.closing_soon":
    case "vote.closed": {
      const vote = await voteNotice(tx, event.aggregateId);
      if (!vote) return null;
      const audience = vote.buildingId ? await residentIdsOf(tx, { buildingId: vote.buildingId }) : await activeMemberIdsOf(tx, organizationId);
      const recipients = [...audience, ...(await staffIdsOf(tx, organizationId))];
      const data = { voteId: vote.id, buildingId: vote.buildingId };
      if (event.eventType === "vote.published")
        return { category: "voting", recipients, title: { sk: `Hlasovanie sa začalo: ${vote.title}`, en: `Voting has opened: ${vote.title}` }, data };
      if (event.eventType === "vote.closing_soon")
        return {
          category: "voting",
          recipients,
          title: { sk: `Hlasovanie sa končí do 24 hodín: ${vote.title}`, en: `Voting ends within 24 hours: ${vote.title}` },
          data,
        };
      const outcome = text(p.outcome);
      return {
        category: "voting",
        recipients,
        title: { sk: `Hlasovanie sa skončilo: ${vote.title}`, en: `Voting has closed: ${vote.title}` },
        ...(outcome && voteOutcome[outcome] ? { body: voteOutcome[outcome] } : {}),
        data: { ...data, outcome },
      };
    }
    // A unit's short-term rentals are its owners' business: neither its tenants nor the rest of the building hear of them.
    case "rental.police_registration_due":
    case "rental.police_registration_overdue": {
      const registration = await policeRegistrationNotice(tx, event.aggregateId);
      // Submitted meanwhile (or the guest removed): nothing left to remind of.
      if (!registration?.pending) return null;
      const unit = await unitAudienceOf(tx, registration.unitId);
      if (!unit) return null;
      const data = { policeRegistrationId: registration.id, unitId: unit.unitId, reservationId: text(p.reservationId), dueOn: registration.dueOn };
      if (event.eventType === "rental.police_registration_due")
        return {
          category: "rentals",
          recipients: unit.ownerIds,
          title: {
            sk: `Byt ${unit.designation}: ubytovanie cudzinca treba nahlásiť polícii do ${registration.dueOn}`,
            en: `Unit ${unit.designation}: report a foreign guest's stay to the police by ${registration.dueOn}`,
          },
          body: {
            sk: "Hlásenie pobytu cudzinca je pripravené v PPT; po podaní ho označte ako podané.",
            en: "The foreign guest's report is ready in PPT; mark it submitted once filed.",
          },
          data,
        };
      return {
        category: "rentals",
        recipients: unit.ownerIds,
        title: {
          sk: `Byt ${unit.designation}: lehota na nahlásenie ubytovania cudzinca uplynula ${registration.dueOn}`,
          en: `Unit ${unit.designation}: the deadline to report a foreign guest's stay passed on ${registration.dueOn}`,
        },
        body: {
          sk: "Hlásenie ešte nie je označené ako podané. Podajte ho čo najskôr.",
          en: "The report is not marked submitted yet. File it as soon as possible.",
        },
        data,
      };
    }
    case "rental.calendar_conflict": {
      const unitId = text(p.unitId);
      const unit = unitId ? await unitAudienceOf(tx, unitId) : null;
      const checkIn = text(p.checkIn);
      const checkOut = text(p.checkOut);
      if (!unit || !checkIn || !checkOut) return null;
      const source = calendarSource[text(p.source) ?? "OTHER"] ?? calendarSource.OTHER!;
      return {
        category: "rentals",
        recipients: unit.ownerIds,
        title: {
          sk: `Byt ${unit.designation}: ${source.sk} blokuje ${checkIn} – ${checkOut}, kde už máte rezerváciu`,
          en: `Unit ${unit.designation}: ${source.en} blocks ${checkIn} – ${checkOut}, where you already have a reservation`,
        },
        body: {
          sk: "Vašu rezerváciu sme neprepísali. Zrušte jednu z nich, inak hrozí dvojitá rezervácia.",
          en: "Your reservation was not overwritten. Cancel one of the two, or the unit is double-booked.",
        },
        data: { calendarFeedId: event.aggregateId, unitId: unit.unitId, checkIn, checkOut },
      };
    }
    // A reading is the business of whoever may submit it: the unit's owners and tenants are
    // reminded; the person who submitted a reading hears how the manager decided.
    case "meter.reading_due": {
      const named = Array.isArray(p.unitIds) ? p.unitIds.filter((id): id is string => typeof id === "string") : [];
      const due = await readingDueNotice(tx, event.aggregateId, named);
      if (!due) return null;
      const kind = meterKind[due.kind] ?? { sk: due.kind, en: due.kind };
      return {
        category: "meters",
        recipients: await unitResidentIdsOf(tx, due.unitIds),
        title: {
          sk: `Nahláste stav meračov ${kind.sk} do ${due.closesOn}`,
          en: `Submit your ${kind.en} meter readings by ${due.closesOn}`,
        },
        body: {
          sk: "Obdobie odpočtov sa čoskoro uzavrie a za váš byt ešte chýba stav merača. Zadajte ho v PPT, môžete priložiť fotografiu merača.",
          en: "The reading period closes soon and your unit's reading is still missing. Enter it in PPT; you may attach a photo of the meter.",
        },
        data: { periodId: due.periodId, buildingId: due.buildingId, kind: due.kind, closesOn: due.closesOn },
      };
    }
    case "meter.reading_verified":
    case "meter.reading_rejected": {
      const reading = await readingReviewNotice(tx, event.aggregateId);
      // Reviewed again since (or removed): the later event tells the story.
      const expected = event.eventType === "meter.reading_verified" ? "VERIFIED" : "REJECTED";
      if (!reading?.submittedById || reading.status !== expected) return null;
      const kind = meterKind[reading.kind] ?? { sk: reading.kind, en: reading.kind };
      const data = { meterReadingId: reading.id, meterId: reading.meterId, unitId: reading.unitId, kind: reading.kind, readOn: reading.readOn };
      if (expected === "VERIFIED")
        return {
          category: "meters",
          recipients: [reading.submittedById],
          title: { sk: `Váš odpočet merača ${kind.sk} z ${reading.readOn} bol overený`, en: `Your ${kind.en} meter reading of ${reading.readOn} was verified` },
          ...(p.corrected === true ? { body: { sk: "Správca pri overení opravil hodnotu.", en: "The manager corrected the value when verifying it." } } : {}),
          data,
        };
      const reason = reading.reviewNote ?? "";
      return {
        category: "meters",
        recipients: [reading.submittedById],
        title: {
          sk: `Váš odpočet merača ${kind.sk} z ${reading.readOn} bol zamietnutý`,
          en: `Your ${kind.en} meter reading of ${reading.readOn} was rejected`,
        },
        body: {
          sk: `Dôvod: ${reason}\nZadajte, prosím, stav merača znova.`,
          en: `Reason: ${reason}\nPlease enter the meter reading again.`,
        },
        data,
      };
    }
    default:
      return null;
  }
}

/** Creates the in-app notifications of one event (nothing for events the centre does not announce). */
export async function createInAppNotifications(event: BrokerEvent, tx: Tx): Promise<void> {
  const organizationId = event.organizationId;
  if (!organizationId) return;
  await enterNotificationSystem(tx, organizationId);
  const notice = await noticeOf(event, tx, organizationId);
  if (!notice) return;
  // The person who did it does not need telling.
  const actorId = text(event.payload?.actorId);
  const recipients = [...new Set(notice.recipients)].filter((id) => id !== actorId);
  if (!recipients.length) return;
  const preferences = await recipientPreferences(tx, recipients);
  const now = new Date();
  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const userId of recipients) {
    const prefs = preferences.get(userId)!;
    if (!planChannels(prefs, notice.category, now).now.includes("IN_APP")) continue;
    rows.push({
      id: randomUUID(),
      organizationId,
      userId,
      kind: event.eventType,
      category: notice.category,
      title: notice.title[prefs.language].slice(0, 255),
      body: notice.body?.[prefs.language] ?? null,
      data: { ...notice.data, eventId: event.id },
      createdAt: now,
    });
  }
  if (!rows.length) return;
  await tx.notification.createMany({ data: rows });
  await writeOutboxEvents(
    tx,
    rows.map((row) => ({
      aggregateType: "notification",
      aggregateId: row.id!,
      eventType: "notification.added",
      organizationId,
      payload: { userId: row.userId, category: row.category, kind: row.kind },
    })),
  );
}

/** The broker consumer of in-app notifications: one transaction per event, its processed_events row included. */
export function inAppNotificationsConsumer({ prisma }: Pick<ConsumerDeps, "prisma">): BrokerConsumer {
  return {
    name: IN_APP_CONSUMER,
    patterns: noticeEvents,
    handle: (event) =>
      prisma.$transaction((tx) => runOnce(tx, IN_APP_CONSUMER, event.id, (once) => createInAppNotifications(event, once))).then(() => undefined),
  };
}
