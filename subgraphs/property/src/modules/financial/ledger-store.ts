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
  const heads = postings.map((p) => ({
    id: p.id,
    posted_on: p.postedOn,
    kind: p.kind,
    description: p.description.slice(0, 500),
    cancels_posting_id: p.cancels ?? null,
  }));
  await tx.$executeRaw`
    INSERT INTO property.ledger_postings (id, organization_id, posted_on, kind, description, cancels_posting_id)
    SELECT h.id, ${organizationId}::uuid, h.posted_on, h.kind, h.description, h.cancels_posting_id
    FROM jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) AS h(id uuid, posted_on date, kind text, description text, cancels_posting_id uuid)`;
  const lines = postings.flatMap((p) =>
    p.lines.map((line) => ({
      posting_id: p.id,
      account_id: line.accountId,
      kind: line.side,
      amount: formatAmount(line.amount),
      occurred_at: p.postedOn,
      description: p.description.slice(0, 500),
      invoice_id: p.invoiceId ?? null,
      payment_id: p.paymentId ?? null,
    })),
  );
  await tx.$executeRaw`
    INSERT INTO property.financial_transactions (organization_id, posting_id, account_id, kind, amount, occurred_at, description, invoice_id, payment_id)
    SELECT ${organizationId}::uuid, l.posting_id, l.account_id, l.kind::property."FinancialTransactionKind", l.amount, l.occurred_at::date, l.description, l.invoice_id, l.payment_id
    FROM jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
      AS l(posting_id uuid, account_id uuid, kind text, amount numeric, occurred_at text, description text, invoice_id uuid, payment_id uuid)`;
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
