// One incoming or outgoing movement on the cooperative's bank account, whatever format it came in.
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import type { Cents } from "../money.ts";

export interface BankEntry {
  /** Positive; `direction` says which way. */
  amount: Cents;
  currency: string;
  direction: "CREDIT" | "DEBIT";
  bookedOn: string;
  valueOn?: string;
  /** The bank's own reference of the entry (AcctSvcrRef): the key against importing twice. */
  bankReference?: string;
  endToEndId?: string;
  variableSymbol?: string;
  remittance?: string;
  payerName?: string;
  /** Electronic format, only when it passes the IBAN checksum. */
  payerIban?: string;
}

/** The variabilný symbol from "/VS1234567890/SS/KS0308", a bare number, or free text holding "/VS…". */
export function variableSymbolIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const tagged = /\/VS0*(\d{1,10})(?:\/|\b)/i.exec(text);
  if (tagged) return tagged[1];
  const bare = /^\s*0*(\d{1,10})\s*$/.exec(text);
  return bare?.[1];
}

/** The IBAN in electronic format when valid, else undefined (a typo must not match anyone). */
export function validIban(text: string | undefined): string | undefined {
  const iban = text ? electronicFormatIBAN(text) : undefined;
  return iban && isValidIBAN(iban) ? iban : undefined;
}
