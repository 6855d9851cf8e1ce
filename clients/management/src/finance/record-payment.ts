// A payment a manager types in (cash, a transfer seen outside the bank import). The form keeps one
// idempotency key until the payment is recorded, so a retried submit (a lost answer, a double
// click, a reload of the request) records the payment once: the graph returns the first payment
// for the key, and the same key with other values is CONFLICT.
import type { ApolloClient } from "@apollo/client";
import { graphql } from "../generated/gql.ts";
import type { PaymentMethod } from "../generated/graphql.ts";

export const RecordPayment = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      paidOn
      method
      matchStatus
      amount {
        amount
        currency
      }
      unit {
        id
        designation
      }
    }
  }
`);

export interface PaymentDraft {
  unitId: string;
  /** As typed: "45,20" or "45.20". */
  amount: string;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
}

export type PaymentProblem = "unit" | "amount" | "paidOn";

const AMOUNT = /^\d{1,13}(?:\.\d{1,2})?$/;

/** The mutation's input, or what to fix first; the amount stays an exact decimal string. */
export function paymentInput(draft: PaymentDraft, idempotencyKey: string) {
  const amount = draft.amount.trim().replace(/\s/g, "").replace(",", ".");
  if (!draft.unitId) return { problem: "unit" as const };
  if (!AMOUNT.test(amount) || !/[1-9]/.test(amount)) return { problem: "amount" as const };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.paidOn)) return { problem: "paidOn" as const };
  return {
    input: {
      unitId: draft.unitId,
      amount,
      paidOn: draft.paidOn,
      method: draft.method,
      reference: draft.reference.trim() || null,
      idempotencyKey,
    },
  };
}

/** Records the payment under the form's key; the building's and the owner's money is read again. */
export async function recordPayment(client: ApolloClient, draft: PaymentDraft, idempotencyKey: string) {
  const checked = paymentInput(draft, idempotencyKey);
  if (!checked.input) return { problem: checked.problem };
  const { data } = await client.mutate({ mutation: RecordPayment, variables: { input: checked.input }, refetchQueries: ["BuildingFinance", "MyBalances"] });
  return { payment: data!.recordPayment };
}
