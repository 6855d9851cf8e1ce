// Police registration of foreign guests. A guest whose nationality is not SK gets a registration
// due by the reporting rule in force on their check-in day (property.police_reporting_rules:
// deadline in days, working days or not, and its legal citation). Today's rule: Act No. 404/2011
// Coll. (zákon o pobyte cudzincov) § 113 písm. c), the accommodation provider delivers the
// foreigner's report to the police within five (calendar) days of the start of accommodation
// (migration 20261204034500_police_rule_section_113). The report is generated from the guest and the unit's address with every field the
// form asks for; it is frozen when marked submitted. Reminders are outbox events written by a
// scheduled job (the notification worker delivers them); they carry ids only, never personal data.
import type { Guest, PoliceRegistration, PoliceReportingRule, Reservation } from "@ppt/db/client";
import { AppError, requirePermission, writeOutboxEvents, type DomainEvent, type PrismaClient, type Tx } from "@ppt/server-kit";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { forEachOrganization } from "../organizations/index.ts";
import { runsUnit, unitsRunBy } from "./access.ts";
import { addDays, isoDay, today } from "./dates.ts";

export const HOME_COUNTRY = "SK";
/** How long before the deadline the owner hears of a registration still due. */
export const REMIND_DAYS_BEFORE = 1;

export type PoliceRegistrationState = "DUE" | "OVERDUE" | "SUBMITTED";

export const isForeign = (guest: Pick<Guest, "nationality">): boolean => guest.nationality !== null && guest.nationality !== HOME_COUNTRY;

/** The last day to report: `deadlineDays` after check-in, counting Monday–Friday only for a working-day rule. */
export function deadlineFrom(checkIn: Date, rule: Pick<PoliceReportingRule, "deadlineDays" | "workingDays">): Date {
  if (!rule.workingDays) return addDays(checkIn, rule.deadlineDays);
  let day = checkIn;
  for (let left = rule.deadlineDays; left > 0;) {
    day = addDays(day, 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}

export function stateOf(registration: Pick<PoliceRegistration, "status" | "dueOn">, now = new Date()): PoliceRegistrationState {
  if (registration.status === "SUBMITTED" || registration.status === "ACCEPTED") return "SUBMITTED";
  return registration.dueOn < today(now) ? "OVERDUE" : "DUE";
}

export async function ruleInForce(tx: Tx, day: Date): Promise<PoliceReportingRule> {
  const rule = await tx.policeReportingRule.findFirst({
    where: { country: HOME_COUNTRY, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] },
    orderBy: { validFrom: "desc" },
  });
  if (!rule) throw AppError.conflict("No police reporting rule is in force for this date", { reason: "NO_RULE" });
  return rule;
}

/** Submitted earlier, then the guest's stay dates changed: the report must be filed again. */
export const needsResubmission = (registration: Pick<PoliceRegistration, "status" | "submittedAt">): boolean =>
  registration.status === "PENDING" && registration.submittedAt !== null;

/**
 * Keeps the guest's registration in step with their nationality and stay (inside the guest's
 * write). `stayChanged`: the guest's stay dates differ from before, so a report already submitted
 * no longer says what happened; it goes back to PENDING with its report regenerated (the earlier
 * submittedAt and reference stay, which is what marks it as a resubmission).
 */
export async function syncRegistration(tx: Tx, guest: Guest, options: { stayChanged?: boolean } = {}): Promise<void> {
  const existing = await tx.policeRegistration.findUnique({ where: { reservationId_guestId: { reservationId: guest.reservationId, guestId: guest.id } } });
  if (!isForeign(guest)) {
    if (existing && existing.status !== "SUBMITTED" && existing.status !== "ACCEPTED") await tx.policeRegistration.delete({ where: { id: existing.id } });
    return;
  }
  if (existing && options.stayChanged && (existing.status === "SUBMITTED" || existing.status === "ACCEPTED")) {
    const rule = await ruleInForce(tx, guest.stayFrom);
    await tx.policeRegistration.update({
      where: { id: existing.id },
      data: { status: "PENDING", report: null, ruleId: rule.id, dueOn: deadlineFrom(guest.stayFrom, rule), remindedAt: null, overdueNotifiedAt: null },
    });
    return;
  }
  const rule = await ruleInForce(tx, guest.stayFrom);
  const dueOn = deadlineFrom(guest.stayFrom, rule);
  if (!existing) {
    await tx.policeRegistration.create({
      data: { organizationId: guest.organizationId, reservationId: guest.reservationId, guestId: guest.id, ruleId: rule.id, dueOn },
    });
  } else if (existing.status === "PENDING" && (existing.dueOn.getTime() !== dueOn.getTime() || existing.ruleId !== rule.id)) {
    // A new deadline is watched afresh: its reminder and its overdue notice are still to come.
    await tx.policeRegistration.update({ where: { id: existing.id }, data: { ruleId: rule.id, dueOn, remindedAt: null, overdueNotifiedAt: null } });
  }
}

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export interface ReportPlace {
  street: string;
  streetNumber: string;
  city: string;
  postalCode: string;
  unitDesignation: string | null;
}

/** Every field the accommodation report of a foreigner asks for, in one XML document. Empty elements mark missing data. */
export function policeReportXml(guest: Guest, reservation: Reservation, place: ReportPlace, rule: PoliceReportingRule, dueOn: Date): string {
  const el = (name: string, value: string | null | undefined) => `    <${name}>${value ? xmlEscape(value) : ""}</${name}>`;
  const day = (d: Date | null) => (d ? isoDay(d) : null);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<accommodationReport>`,
    `  <legalBasis>${xmlEscape(rule.legalBasis)}</legalBasis>`,
    `  <dueOn>${isoDay(dueOn)}</dueOn>`,
    `  <accommodation>`,
    el("street", place.street),
    el("streetNumber", place.streetNumber),
    el("unit", place.unitDesignation),
    el("postalCode", place.postalCode),
    el("municipality", place.city),
    el("country", HOME_COUNTRY),
    `  </accommodation>`,
    `  <guest>`,
    el("surname", guest.lastName),
    el("givenNames", guest.firstName),
    el("dateOfBirth", day(guest.birthDate)),
    el("nationality", guest.nationality),
    el("travelDocumentType", guest.documentType),
    el("travelDocumentNumber", guest.documentNumber),
    el("visaNumber", guest.visaNumber),
    el("addressAbroad", guest.address),
    el("purposeOfStay", guest.purposeOfStay),
    el("stayFrom", day(guest.stayFrom)),
    el("stayTo", day(guest.stayTo)),
    `  </guest>`,
    `  <reservation>${xmlEscape(reservation.id)}</reservation>`,
    `</accommodationReport>`,
    "",
  ].join("\n");
}

export async function reportOf(ctx: PropertyContext, registration: PoliceRegistration): Promise<string> {
  if (registration.report) return registration.report;
  const [guest, reservation, rule] = await Promise.all([
    ctx.loaders.guest.load(registration.guestId),
    ctx.loaders.reservation.load(registration.reservationId),
    ctx.loaders.policeReportingRule.load(registration.ruleId),
  ]);
  const unit = (await ctx.loaders.unit.load(reservation!.unitId))!;
  const building = (await ctx.loaders.building.load(unit.buildingId))!;
  await auditGuestAccess(ctx, reservation!.id);
  const place = {
    street: building.street,
    streetNumber: building.streetNumber,
    city: building.city,
    postalCode: building.postalCode,
    unitDesignation: unit.designation,
  };
  return policeReportXml(guest!, reservation!, place, rule!, registration.dueOn);
}

/** Every read of guests' documents leaves an audit entry: one per request and reservation, batched. */
export function auditGuestAccess(ctx: PropertyContext, reservationId: string): Promise<unknown> {
  return ctx.loaders.guestAccessAudit.load(reservationId);
}

export async function listPoliceRegistrations(ctx: PropertyContext, state: PoliceRegistrationState | null | undefined): Promise<PoliceRegistration[]> {
  const unitIds = await unitsRunBy(ctx);
  const now = new Date();
  const rows = await ctx.db.read((tx) =>
    tx.policeRegistration.findMany({
      where: unitIds === null ? {} : { reservation: { unitId: { in: unitIds } } },
      orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      take: 1000,
    }),
  );
  return state ? rows.filter((r) => stateOf(r, now) === state) : rows;
}

export async function markSubmitted(ctx: PropertyContext, id: string, reference: string | null | undefined): Promise<PoliceRegistration> {
  requirePermission(ctx.caller, "rentals:write");
  const registration = await ctx.db.read((tx) => tx.policeRegistration.findUnique({ where: { id } }));
  const reservation = registration && (await ctx.loaders.reservation.load(registration.reservationId));
  if (!registration || !reservation || !(await runsUnit(ctx, reservation.unitId))) throw AppError.notFound("PoliceRegistration");
  if (registration.status !== "PENDING") throw AppError.conflict("Already submitted", { reason: "ALREADY_SUBMITTED" });
  const report = await reportOf(ctx, registration);
  const { row, event } = await ctx.db.write(async (tx) => {
    const row = await tx.policeRegistration.update({
      where: { id },
      data: { status: "SUBMITTED", submittedAt: new Date(), reference: reference?.trim().slice(0, 255) || null, report },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "police_registration",
      entityId: id,
      eventType: "rental.police_registration_submitted",
      payload: { reservationId: row.reservationId },
    });
    return { row, event };
  });
  ctx.events.committed(event);
  return row;
}

interface Noticed {
  id: string;
  reservation_id: string;
  unit_id: string;
  due_on: Date;
}

/**
 * The police registration notices, each at most once per registration and deadline, each
 * organization under its own tenant setting:
 * - `rental.police_registration_due` for a registration still PENDING whose deadline is today or
 *   within REMIND_DAYS_BEFORE days (reminded_at);
 * - `rental.police_registration_overdue` for one whose deadline passed unreported (overdue_notified_at).
 * The marker is set by the same UPDATE that claims the rows (FOR UPDATE SKIP LOCKED), in the
 * transaction that writes the events: two replicas or a rerun never write a notice twice.
 * Events carry ids and dates only, never the guest's data.
 */
export async function writePoliceRegistrationReminders(deps: { prisma: PrismaClient }, now = new Date(), batchSize = 500): Promise<number> {
  const day = today(now);
  const horizon = addDays(day, REMIND_DAYS_BEFORE);
  const written = await forEachOrganization(deps.prisma, "writePoliceRegistrationReminders", (db, organizationId) =>
    db.write(async (tx) => {
      const due = await tx.$queryRaw<Noticed[]>`
        UPDATE property.police_registrations p SET reminded_at = ${now}
          FROM property.reservations r
         WHERE r.id = p.reservation_id
           AND p.id IN (SELECT id FROM property.police_registrations
                         WHERE status = 'PENDING' AND reminded_at IS NULL AND due_on >= ${day}::date AND due_on <= ${horizon}::date
                         ORDER BY due_on, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING p.id::text AS id, p.reservation_id::text AS reservation_id, r.unit_id::text AS unit_id, p.due_on`;
      const overdue = await tx.$queryRaw<Noticed[]>`
        UPDATE property.police_registrations p SET overdue_notified_at = ${now}
          FROM property.reservations r
         WHERE r.id = p.reservation_id
           AND p.id IN (SELECT id FROM property.police_registrations
                         WHERE status = 'PENDING' AND overdue_notified_at IS NULL AND due_on < ${day}::date
                         ORDER BY due_on, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING p.id::text AS id, p.reservation_id::text AS reservation_id, r.unit_id::text AS unit_id, p.due_on`;
      const event = (r: Noticed, eventType: string): DomainEvent => ({
        aggregateType: "police_registration",
        aggregateId: r.id,
        eventType,
        organizationId,
        payload: { reservationId: r.reservation_id, unitId: r.unit_id, dueOn: isoDay(r.due_on), actorId: null },
      });
      return writeOutboxEvents(tx, [
        ...due.map((r) => event(r, "rental.police_registration_due")),
        ...overdue.map((r) => event(r, "rental.police_registration_overdue")),
      ]);
    }),
  );
  return written.reduce((sum, n) => sum + n, 0);
}
