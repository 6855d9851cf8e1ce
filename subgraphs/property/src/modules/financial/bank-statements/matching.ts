// Which open prescription a bank entry pays. The variable symbol decides first (it identifies the
// unit's account; all its monthly prescriptions share it, so the oldest open ones are paid first);
// without one, an entry matches a single prescription of exactly its amount whose unit has the
// payer's IBAN on file. Open amounts are consumed as entries are matched, so two payments of one
// statement never settle the same euro twice.
import type { Cents } from "../money.ts";
import { validIban, type BankEntry } from "./bank-entry.ts";

export interface OpenPrescription {
  id: string;
  variableSymbol?: string;
  dueOn: string;
  open: Cents;
  /** IBANs the unit's owners paid from before or registered. */
  knownPayerIbans: readonly string[];
}

export type MatchStatus = "MATCHED" | "PARTIAL" | "OVERPAYMENT" | "UNMATCHED";

export interface EntryMatch {
  entry: BankEntry;
  status: MatchStatus;
  matchedBy?: "VARIABLE_SYMBOL" | "AMOUNT_AND_IBAN";
  settlements: { prescriptionId: string; amount: Cents }[];
  /** Paid beyond what is open: carried as credit to the payer's next prescriptions. */
  credit: Cents;
}

const normalizeSymbol = (symbol: string) => symbol.replace(/^0+/, "");

function settle(entry: BankEntry, candidates: OpenPrescription[], openById: Map<string, Cents>, matchedBy: EntryMatch["matchedBy"]): EntryMatch {
  let left = entry.amount;
  const settlements: EntryMatch["settlements"] = [];
  let lastFullySettled = true;
  for (const prescription of [...candidates].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id))) {
    const open = openById.get(prescription.id) ?? 0n;
    if (left === 0n || open <= 0n) continue;
    const amount = open < left ? open : left;
    openById.set(prescription.id, open - amount);
    settlements.push({ prescriptionId: prescription.id, amount });
    lastFullySettled = amount === open;
    left -= amount;
  }
  const status: MatchStatus = left > 0n ? "OVERPAYMENT" : lastFullySettled ? "MATCHED" : "PARTIAL";
  return { entry, status, matchedBy, settlements, credit: left };
}

export function matchEntries(entries: readonly BankEntry[], prescriptions: readonly OpenPrescription[]): EntryMatch[] {
  const openById = new Map(prescriptions.map((p) => [p.id, p.open]));
  // Both indexes are built once: a statement of 10,000 entries against 10,000 prescriptions must
  // not scan the prescriptions per entry (or check their IBANs' checksums per entry).
  const bySymbol = new Map<string, OpenPrescription[]>();
  const byIban = new Map<string, OpenPrescription[]>();
  const add = (index: Map<string, OpenPrescription[]>, key: string, p: OpenPrescription) => {
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  };
  for (const p of prescriptions) {
    if (p.variableSymbol) add(bySymbol, normalizeSymbol(p.variableSymbol), p);
    const ibans = new Set(p.knownPayerIbans.map((known) => validIban(known)).filter((iban) => iban !== undefined));
    for (const iban of ibans) add(byIban, iban, p);
  }
  return entries.map((entry): EntryMatch => {
    const unmatched: EntryMatch = { entry, status: "UNMATCHED", settlements: [], credit: 0n };
    if (entry.direction !== "CREDIT") return unmatched;
    const symbolMatches = entry.variableSymbol ? bySymbol.get(normalizeSymbol(entry.variableSymbol)) : undefined;
    if (symbolMatches) return settle(entry, symbolMatches, openById, "VARIABLE_SYMBOL");
    const payerIban = validIban(entry.payerIban);
    if (payerIban) {
      const exact = (byIban.get(payerIban) ?? []).filter((p) => openById.get(p.id) === entry.amount);
      // Two equal candidates would be a guess: leave it to a person.
      if (exact.length === 1) return settle(entry, exact, openById, "AMOUNT_AND_IBAN");
    }
    return unmatched;
  });
}
