// Double-entry bookkeeping for a cooperative: every movement is a posting whose debit lines equal
// its credit lines, balances are never stored as truth but derived from postings, and nothing is
// ever edited or deleted: a wrong prescription is cancelled by a credit note (an opposite posting).
// Sides match FinancialTransactionKind in the schema; one line becomes one FinancialTransaction row.
import { AppError } from "@ppt/server-kit";
import type { Cents } from "./money.ts";

export type Side = "DEBIT" | "CREDIT";

export interface PostingLine {
  accountId: string;
  side: Side;
  /** Always positive; the side says which way it goes. */
  amount: Cents;
}

export interface Posting {
  id: string;
  /** Accounting date (ISO "YYYY-MM-DD"). */
  postedOn: string;
  description: string;
  lines: readonly PostingLine[];
  /** Set on a credit note: the posting it cancels. */
  cancels?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Debit counts positive, credit negative: a balanced posting's signed lines sum to zero. */
export function signedAmount(line: PostingLine): Cents {
  return line.side === "DEBIT" ? line.amount : -line.amount;
}

/** Refuses a posting that is not a balanced double entry. */
export function validatePosting(posting: Posting): Posting {
  if (!isoDate.test(posting.postedOn)) throw AppError.badInput(`Invalid posting date ${posting.postedOn}`, { reason: "INVALID_DATE" });
  if (posting.lines.length < 2) throw AppError.badInput("A posting needs at least two lines", { reason: "UNBALANCED_POSTING" });
  for (const line of posting.lines) {
    if (line.amount <= 0n) throw AppError.badInput("Posting lines carry positive amounts", { reason: "INVALID_AMOUNT" });
  }
  const sides = new Set(posting.lines.map((l) => l.side));
  const net = posting.lines.reduce((sum, line) => sum + signedAmount(line), 0n);
  if (net !== 0n || sides.size < 2) {
    throw AppError.badInput(`Posting ${posting.id} is unbalanced by ${net} cents`, { reason: "UNBALANCED_POSTING" });
  }
  return posting;
}

/** The opposite posting that cancels `original` (a credit note). */
export function creditNoteFor(original: Posting, note: { id: string; postedOn: string; description: string }): Posting {
  return {
    ...note,
    cancels: original.id,
    lines: original.lines.map((line) => ({ ...line, side: line.side === "DEBIT" ? "CREDIT" : "DEBIT" })),
  };
}

/**
 * An append-only journal. One instance per computation (loaded from the database for a request),
 * never shared between tenants.
 */
export class Ledger {
  readonly #postings: Posting[] = [];
  readonly #ids = new Set<string>();
  readonly #cancelled = new Set<string>();

  constructor(postings: Iterable<Posting> = []) {
    for (const posting of postings) this.post(posting);
  }

  get postings(): readonly Posting[] {
    return this.#postings;
  }

  post(posting: Posting): Posting {
    validatePosting(posting);
    if (this.#ids.has(posting.id)) throw AppError.conflict(`Posting ${posting.id} exists`, { reason: "DUPLICATE_POSTING" });
    if (posting.cancels !== undefined) this.#checkCancellation(posting);
    const frozen = Object.freeze({ ...posting, lines: Object.freeze(posting.lines.map((l) => Object.freeze({ ...l }))) });
    this.#postings.push(frozen);
    this.#ids.add(posting.id);
    if (posting.cancels !== undefined) this.#cancelled.add(posting.cancels);
    return frozen;
  }

  /** Cancels a posting by posting its credit note. */
  cancel(postingId: string, note: { id: string; postedOn: string; description: string }): Posting {
    const original = this.#postings.find((p) => p.id === postingId);
    if (!original) throw AppError.notFound("Posting");
    return this.post(creditNoteFor(original, note));
  }

  isCancelled(postingId: string): boolean {
    return this.#cancelled.has(postingId);
  }

  /** Balance (debit − credit) of an account over the postings dated on or before `asOf`. */
  balance(accountId: string, asOf?: string): Cents {
    let balance = 0n;
    for (const posting of this.#postings) {
      if (asOf !== undefined && posting.postedOn > asOf) continue;
      for (const line of posting.lines) if (line.accountId === accountId) balance += signedAmount(line);
    }
    return balance;
  }

  /** Every account's balance as of a date; they always add up to zero. */
  balances(asOf?: string): Map<string, Cents> {
    const balances = new Map<string, Cents>();
    for (const posting of this.#postings) {
      if (asOf !== undefined && posting.postedOn > asOf) continue;
      for (const line of posting.lines) balances.set(line.accountId, (balances.get(line.accountId) ?? 0n) + signedAmount(line));
    }
    return balances;
  }

  #checkCancellation(note: Posting): void {
    const original = this.#postings.find((p) => p.id === note.cancels);
    if (!original) throw AppError.notFound("Posting");
    if (original.cancels !== undefined) throw AppError.badInput("A credit note cannot be cancelled", { reason: "CANCEL_CREDIT_NOTE" });
    if (this.#cancelled.has(original.id)) throw AppError.conflict(`Posting ${original.id} is already cancelled`, { reason: "ALREADY_CANCELLED" });
    const mirrors = (a: PostingLine, b: PostingLine) => a.accountId === b.accountId && a.amount === b.amount && a.side !== b.side;
    const exact = note.lines.length === original.lines.length && original.lines.every((line, i) => mirrors(line, note.lines[i]!));
    if (!exact) throw AppError.badInput("A credit note must mirror the posting it cancels", { reason: "CREDIT_NOTE_MISMATCH" });
  }
}
