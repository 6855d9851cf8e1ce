// The rules of a unit import, without a database: each spreadsheet row checked against the
// building as it is (its units, entrances and current owners) and against the other rows. The
// same rules answer the client's preview (dry run) and guard the real import, so a file the
// preview accepted is the file the import writes.
import { isShare, sumsToAtMostOne, type Share } from "./ratio.ts";

export const MAX_IMPORT_ROWS = 2000;

export interface UnitImportRowInput {
  designation: string;
  entrance?: string | null;
  floor?: string | null;
  sizeSqm?: string | null;
  ownershipShare: string;
  ownerEmail?: string | null;
  ownerShare?: string | null;
  validFrom?: string | null;
}

export type UnitImportErrorCode =
  | "DESIGNATION_INVALID"
  | "DUPLICATE_DESIGNATION"
  | "UNIT_ARCHIVED"
  | "ENTRANCE_INVALID"
  | "FLOOR_INVALID"
  | "AREA_INVALID"
  | "SHARE_INVALID"
  | "OWNER_EMAIL_INVALID"
  | "OWNER_NOT_MEMBER"
  | "OWNER_SHARE_INVALID"
  | "OWNER_SHARES_EXCEED"
  | "DUPLICATE_OWNER"
  | "VALID_FROM_INVALID";

export interface UnitImportProblem {
  code: UnitImportErrorCode;
  field: keyof UnitImportRowInput;
  message: string;
}

export type UnitImportRowStatus = "CREATED" | "UPDATED" | "UNCHANGED" | "FAILED";

/** The building as the import finds it. */
export interface ImportTarget {
  units: ReadonlyMap<string, ExistingUnit>;
  /** Entrance ids by designation. */
  entrances: ReadonlyMap<string, string>;
  /** Ownerships of the existing units, by unit id. */
  ownerships: ReadonlyMap<string, readonly ExistingOwnership[]>;
  /** Active members' user ids by normalized e-mail (null: no such member). */
  memberIds: ReadonlyMap<string, string | null>;
  /** The first day of ownerships without a validFrom (UTC midnight). */
  today: Date;
}

export interface ExistingUnit {
  id: string;
  archived: boolean;
  entranceId: string | null;
  floor: number | null;
  sizeSqm: string | null;
  shareNumerator: number;
  shareDenominator: number;
}

export interface ExistingOwnership {
  userId: string;
  shareNumerator: number;
  shareDenominator: number;
  validFrom: Date;
  validTo: Date | null;
}

/** A row's unit as the import writes it; `entrance` is a designation (the entrance may not exist yet). */
export interface UnitCells {
  designation: string;
  entrance: string | null;
  floor: number | null;
  sizeSqm: string | null;
  share: Share;
}

export interface OwnerToAdd {
  userId: string;
  share: Share;
  validFrom: Date;
}

export interface CheckedRow {
  /** From 1, in the order sent. */
  row: number;
  status: UnitImportRowStatus;
  problems: UnitImportProblem[];
  /** The designation of the unit the row belongs to (its own, or the first row's of its group). */
  designation: string;
  /** Set on the first row of a designation that creates or changes its unit. */
  unit: UnitCells | null;
  /** Set when the row adds an ownership. */
  owner: OwnerToAdd | null;
}

const FRACTION = /^\s*(\d{1,15})\s*\/\s*(\d{1,15})\s*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const AREA = /^\d{1,8}(\.\d{1,2})?$/;

function fractionOf(text: string): Share | null {
  const match = FRACTION.exec(text);
  if (!match) return null;
  const share = { numerator: Number(match[1]), denominator: Number(match[2]) };
  return isShare(share) ? share : null;
}

function dateOf(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  // 2025-02-30 parses to March: a date that does not print back as itself is not a date.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

const blank = (text: string | null | undefined) => (text ?? "").trim();

/** The normalized e-mails the rows name, for one look-up of the members. */
export function ownerEmailsOf(rows: readonly UnitImportRowInput[]): string[] {
  return [...new Set(rows.map((r) => blank(r.ownerEmail).toLowerCase()).filter((e) => EMAIL.test(e) && e.length <= 255))];
}

interface ParsedRow {
  cells: Partial<UnitCells>;
  /** The unit cells as compared between rows of one designation. */
  signature: string;
  ownerEmail: string | null;
  owner: OwnerToAdd | null;
  problems: UnitImportProblem[];
}

function parseRow(input: UnitImportRowInput, target: ImportTarget): ParsedRow {
  const problems: UnitImportProblem[] = [];
  const problem = (code: UnitImportErrorCode, field: keyof UnitImportRowInput, message: string) => problems.push({ code, field, message });
  const designation = blank(input.designation);
  if (!designation || designation.length > 50) problem("DESIGNATION_INVALID", "designation", "The designation must have 1 to 50 characters");
  const entrance = blank(input.entrance) || null;
  if (entrance && entrance.length > 50) problem("ENTRANCE_INVALID", "entrance", "The entrance designation must have at most 50 characters");
  const floorText = blank(input.floor);
  const floor = floorText === "" ? null : /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : NaN;
  if (floor !== null && (Number.isNaN(floor) || floor < -10 || floor > 200))
    problem("FLOOR_INVALID", "floor", "The floor must be a whole number from -10 to 200");
  const sizeSqm = blank(input.sizeSqm).replace(",", ".") || null;
  if (sizeSqm && !AREA.test(sizeSqm)) problem("AREA_INVALID", "sizeSqm", "The area must be a non-negative number with at most 2 decimal places");
  const share = fractionOf(input.ownershipShare);
  if (!share) problem("SHARE_INVALID", "ownershipShare", "The unit's share must be a fraction with 0 < numerator <= denominator, e.g. 52/1000");

  const ownerEmail = blank(input.ownerEmail).toLowerCase() || null;
  let owner: OwnerToAdd | null = null;
  if (ownerEmail) {
    const emailValid = EMAIL.test(ownerEmail) && ownerEmail.length <= 255;
    const userId = emailValid ? (target.memberIds.get(ownerEmail) ?? null) : null;
    if (!emailValid) problem("OWNER_EMAIL_INVALID", "ownerEmail", "The owner's e-mail is not an e-mail address");
    else if (!userId) problem("OWNER_NOT_MEMBER", "ownerEmail", "No active member of the organization has this e-mail; invite them first");
    const ownerShareText = blank(input.ownerShare);
    const ownerShare = ownerShareText ? fractionOf(ownerShareText) : { numerator: 1, denominator: 1 };
    if (!ownerShare) problem("OWNER_SHARE_INVALID", "ownerShare", "The owner's share must be a fraction with 0 < numerator <= denominator, e.g. 1/2");
    const validFromText = blank(input.validFrom);
    const validFrom = validFromText ? dateOf(validFromText) : target.today;
    if (!validFrom) problem("VALID_FROM_INVALID", "validFrom", "The first day of the ownership must be a date YYYY-MM-DD");
    if (userId && ownerShare && validFrom) owner = { userId, share: ownerShare, validFrom };
  } else if (blank(input.ownerShare) || blank(input.validFrom)) {
    problem("OWNER_EMAIL_INVALID", "ownerEmail", "An owner's share or first day needs the owner's e-mail");
  }
  return {
    cells: { designation, entrance, floor: Number.isNaN(floor) ? null : floor, sizeSqm, ...(share ? { share } : {}) },
    signature: JSON.stringify([entrance, floorText, sizeSqm, share && `${share.numerator}/${share.denominator}`]),
    ownerEmail,
    owner,
    problems,
  };
}

const sameShare = (a: Share, b: Share) => BigInt(a.numerator) * BigInt(b.denominator) === BigInt(b.numerator) * BigInt(a.denominator);

/** Periods that share at least one day; the new ownership is open-ended. */
const overlapsOpenEnded = (o: ExistingOwnership, from: Date) => !o.validTo || o.validTo >= from;

function unitChanged(existing: ExistingUnit, cells: UnitCells, target: ImportTarget): boolean {
  const entranceId = cells.entrance ? (target.entrances.get(cells.entrance) ?? "new") : null;
  return (
    existing.entranceId !== entranceId ||
    existing.floor !== cells.floor ||
    (existing.sizeSqm === null ? null : Number(existing.sizeSqm)) !== (cells.sizeSqm === null ? null : Number(cells.sizeSqm)) ||
    existing.shareNumerator !== cells.share.numerator ||
    existing.shareDenominator !== cells.share.denominator
  );
}

/**
 * Every row's outcome. Rows repeating a designation with the same unit cells and an owner each
 * name co-owners of one unit; owners are checked in file order the way addUnitOwnership checks
 * them one by one (the overlapping shares, with the new one, at most the whole unit). An owner
 * already holding the same share is left as is, so a file imported again changes nothing.
 */
export function checkImportRows(rows: readonly UnitImportRowInput[], target: ImportTarget): CheckedRow[] {
  const parsed = rows.map((row) => parseRow(row, target));
  const firstOf = new Map<string, number>();
  const checked: CheckedRow[] = parsed.map((p, i) => {
    const designation = p.cells.designation!;
    const problems = [...p.problems];
    const first = firstOf.get(designation);
    if (designation && first === undefined) firstOf.set(designation, i);
    else if (first !== undefined && (p.signature !== parsed[first]!.signature || !p.ownerEmail || !parsed[first]!.ownerEmail)) {
      problems.push({
        code: "DUPLICATE_DESIGNATION",
        field: "designation",
        message: "The designation is in the file more than once with other unit cells or without an owner",
      });
    }
    const existing = target.units.get(designation);
    if (existing?.archived) {
      problems.push({ code: "UNIT_ARCHIVED", field: "designation", message: "The building has an archived unit with this designation" });
    }
    const isFirst = first === undefined;
    const complete = isFirst && p.cells.share ? (p.cells as UnitCells) : null;
    return { row: i + 1, status: "FAILED", problems, designation, unit: complete, owner: p.owner };
  });

  // Owners, per unit, in file order.
  const added = new Map<string, OwnerToAdd[]>();
  const unitUnclear = (row: CheckedRow) => row.problems.some((p) => p.field === "designation");
  for (const row of checked) {
    // An owner of a row whose unit is unclear is not counted against any unit's shares.
    if (!row.owner || unitUnclear(row)) continue;
    const existingUnit = target.units.get(row.designation);
    const current = (existingUnit ? (target.ownerships.get(existingUnit.id) ?? []) : []).filter((o) => overlapsOpenEnded(o, row.owner!.validFrom));
    const earlier = added.get(row.designation) ?? [];
    const held = current.find((o) => o.userId === row.owner!.userId);
    if (
      earlier.some((o) => o.userId === row.owner!.userId) ||
      (held && !sameShare({ numerator: held.shareNumerator, denominator: held.shareDenominator }, row.owner.share))
    ) {
      row.problems.push({
        code: "DUPLICATE_OWNER",
        field: "ownerEmail",
        message: "This owner is named twice for the unit, or already owns it with another share",
      });
      continue;
    }
    if (held) {
      row.owner = null; // already recorded as the row says
      continue;
    }
    const shares = [...current.map((o) => ({ numerator: o.shareNumerator, denominator: o.shareDenominator })), ...earlier.map((o) => o.share), row.owner.share];
    if (!sumsToAtMostOne(shares)) {
      row.problems.push({ code: "OWNER_SHARES_EXCEED", field: "ownerShare", message: "The owners' shares of this unit would exceed the whole unit" });
      continue;
    }
    added.set(row.designation, [...earlier, row.owner]);
  }

  // Statuses: a row fails on its own problems; a co-owner row takes its unit's status.
  const statusOf = new Map<string, UnitImportRowStatus>();
  for (const row of checked) {
    if (row.problems.length || !row.unit) continue;
    const existing = target.units.get(row.designation);
    if (!existing) statusOf.set(row.designation, "CREATED");
    else if (unitChanged(existing, row.unit, target)) statusOf.set(row.designation, "UPDATED");
    else row.unit = null; // nothing to write for the unit itself
  }
  for (const row of checked) {
    if (row.problems.length) continue;
    // A co-owner row of a unit that is not in the building yet creates it with its first row.
    const fallback = !target.units.has(row.designation) ? "CREATED" : row.owner ? "UPDATED" : "UNCHANGED";
    row.status = statusOf.get(row.designation) ?? fallback;
  }
  return checked;
}
