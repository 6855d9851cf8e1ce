// PAY by square: the Slovak Banking Association's payment QR code, which every Slovak banking app
// scans. The payload (a string to render as a QR code) is produced by the `bysquare` package.
import { AppError } from "@ppt/server-kit";
import { decode, encode, PaymentOptions, type DataModel } from "bysquare/pay";
import { validIban } from "./bank-statements/bank-entry.ts";
import { formatAmount, parseAmount, type Cents } from "./money.ts";

export interface PaymentRequest {
  payeeIban: string;
  payeeName: string;
  amount: Cents;
  currency: string;
  variableSymbol?: string;
  /** ISO "YYYY-MM-DD". */
  dueOn?: string;
  note?: string;
  invoiceNumber?: string;
}

/** The QR payload for paying an invoice or prescription. */
export function payBySquare(request: PaymentRequest): string {
  const iban = validIban(request.payeeIban);
  if (!iban) throw AppError.badInput("The payee IBAN is not valid", { reason: "INVALID_IBAN" });
  if (request.amount <= 0n) throw AppError.badInput("Only a positive amount can be paid", { reason: "INVALID_AMOUNT" });
  if (request.variableSymbol !== undefined && !/^\d{1,10}$/.test(request.variableSymbol)) {
    throw AppError.badInput("A variable symbol has at most 10 digits", { reason: "INVALID_VARIABLE_SYMBOL" });
  }
  const model: DataModel = {
    invoiceId: request.invoiceNumber,
    payments: [
      {
        type: PaymentOptions.PaymentOrder,
        // The format carries a decimal number; converting from the exact decimal string keeps
        // every amount below 2^53 cents exact.
        amount: Number(formatAmount(request.amount)),
        currencyCode: request.currency,
        variableSymbol: request.variableSymbol,
        paymentDueDate: request.dueOn?.replaceAll("-", ""),
        paymentNote: request.note,
        bankAccounts: [{ iban }],
        beneficiary: { name: request.payeeName },
      },
    ],
  };
  try {
    return encode(model);
  } catch (error) {
    throw AppError.badInput(`Cannot encode the payment: ${(error as Error).message}`, { reason: "INVALID_PAYMENT" });
  }
}

/** Reads a PAY by square payload back (what a banking app sees). */
export function readPayBySquare(payload: string): Omit<PaymentRequest, "payeeName"> & { payeeName?: string } {
  const payment = decode(payload).payments[0];
  if (!payment) throw AppError.badInput("The code holds no payment", { reason: "INVALID_PAYMENT" });
  const due = payment.paymentDueDate;
  return {
    payeeIban: payment.bankAccounts[0]?.iban ?? "",
    payeeName: payment.beneficiary?.name,
    amount: parseAmount((payment.amount ?? 0).toFixed(2)),
    currency: payment.currencyCode,
    variableSymbol: payment.variableSymbol,
    dueOn: due ? `${due.slice(0, 4)}-${due.slice(4, 6)}-${due.slice(6, 8)}` : undefined,
    note: payment.paymentNote,
  };
}
