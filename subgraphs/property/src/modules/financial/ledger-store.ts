// The ledger in the database: postings are validated by the pure core (ledger.ts) and written as
// one `ledger_postings` row plus its `financial_transactions` lines, all lines of a batch in ONE
// statement (the database refuses a statement that leaves any posting unbalanced). Balances are
// sums over the lines, never a stored number.
import { type Tx } from "@ppt/server-kit";
import { creditNoteFor, validatePosting, type Posting, type PostingLine } from "./ledger.ts";
import { formatAmount, parseAmount, type Cents } from "./money.ts";

export interface StoredPosting extends Posting {
  kind: string;
  invoiceId?: string;
  paymentId?: string;
}

/** Writes postings (validated first) in two statements, however many there are. */
export async function writePostings(tx: Tx, organizationId: string, postings: readonly StoredPosting[]): Promise<void> {
  if (!postings.length) return;
  for (const posting of postings) validatePosting(posting);
  // Heads and lines travel as one array parameter per column (unnest).
  await tx.$executeRaw`
    INSERT INTO property.ledger_postings (id, organization_id, posted_on, kind, description, cancels_posting_id)
    SELECT h.id, ${organizationId}::uuid, h.posted_on, h.kind, h.description, h.cancels_posting_id
    FROM unnest(${postings.map((p) => p.id)}::uuid[], ${postings.map((p) => p.postedOn)}::date[], ${postings.map((p) => p.kind)}::text[],
                ${postings.map((p) => p.description.slice(0, 500))}::text[], ${postings.map((p) => p.cancels ?? null)}::uuid[])
      AS h(id, posted_on, kind, description, cancels_posting_id)`;
  const lines = postings.flatMap((p) => p.lines.map((line) => ({ posting: p, line })));
  await tx.$executeRaw`
    INSERT INTO property.financial_transactions (organization_id, posting_id, account_id, kind, amount, occurred_at, description, invoice_id, payment_id)
    SELECT ${organizationId}::uuid, l.posting_id, l.account_id, l.kind::property."FinancialTransactionKind", l.amount, l.occurred_at, l.description, l.invoice_id, l.payment_id
    FROM unnest(${lines.map((l) => l.posting.id)}::uuid[], ${lines.map((l) => l.line.accountId)}::uuid[], ${lines.map((l) => l.line.side)}::text[],
                ${lines.map((l) => formatAmount(l.line.amount))}::numeric[], ${lines.map((l) => l.posting.postedOn)}::date[],
                ${lines.map((l) => l.posting.description.slice(0, 500))}::text[], ${lines.map((l) => l.posting.invoiceId ?? null)}::uuid[],
                ${lines.map((l) => l.posting.paymentId ?? null)}::uuid[])
      AS l(posting_id, account_id, kind, amount, occurred_at, description, invoice_id, payment_id)`;
}

/** A stored posting read back (for credit notes and tests). */
export async function readPosting(tx: Tx, postingId: string): Promise<Posting | null> {
  const head = await tx.ledgerPosting.findUnique({ where: { id: postingId }, include: { lines: { orderBy: [{ kind: "asc" }, { accountId: "asc" }] } } });
  if (!head) return null;
  return {
    id: head.id,
    postedOn: head.postedOn.toISOString().slice(0, 10),
    description: head.description,
    cancels: head.cancelsPostingId ?? undefined,
    lines: head.lines.map((l): PostingLine => ({ accountId: l.accountId, side: l.kind, amount: parseAmount(l.amount.toFixed(2)) })),
  };
}

/** The mirror of a stored posting, written as its cancellation (refused if already cancelled: unique). */
export function mirrorOf(
  original: Posting,
  note: { id: string; postedOn: string; description: string; kind: string; invoiceId?: string; paymentId?: string },
): StoredPosting {
  return { ...creditNoteFor(original, note), kind: note.kind, invoiceId: note.invoiceId, paymentId: note.paymentId };
}

/** Balances (debit − credit) of accounts as of a date (inclusive), in one statement. */
export async function accountBalances(tx: Tx, accountIds: readonly string[], asOf?: string): Promise<Map<string, Cents>> {
  const balances = new Map<string, Cents>(accountIds.map((id) => [id, 0n]));
  if (!accountIds.length) return balances;
  const rows = await tx.$queryRaw<{ account_id: string; balance: string }[]>`
    SELECT account_id::text, sum(CASE WHEN kind = 'DEBIT' THEN amount ELSE -amount END)::text AS balance
    FROM property.financial_transactions
    WHERE account_id = ANY (${[...accountIds]}::uuid[]) AND (${asOf ?? null}::date IS NULL OR occurred_at::date <= ${asOf ?? null}::date)
    GROUP BY account_id`;
  for (const row of rows) balances.set(row.account_id, parseAmount(row.balance));
  return balances;
}

/** The sum of every line of the organization, signed: zero whenever every posting balanced. */
export async function ledgerTotal(tx: Tx): Promise<Cents> {
  const [row] = await tx.$queryRaw<{ total: string }[]>`
    SELECT coalesce(sum(CASE WHEN kind = 'DEBIT' THEN amount ELSE -amount END), 0)::text AS total FROM property.financial_transactions`;
  return parseAmount(row!.total);
}
