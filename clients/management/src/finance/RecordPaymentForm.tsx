import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import type { PaymentMethod } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { Refused } from "../Refused.tsx";
import { formatMoney, today } from "./money-format.ts";
import { recordPayment, type PaymentDraft, type PaymentProblem } from "./record-payment.ts";

const METHODS = Object.keys(sk.paymentMethod) as PaymentMethod[];

const emptyDraft = (): PaymentDraft => ({ unitId: "", amount: "", paidOn: today(), method: "BANK_TRANSFER", reference: "" });

/** Staff: a payment received for one of the building's units, recorded once however often it is sent. */
export function RecordPaymentForm({ units }: { units: { id: string; designation: string | null }[] }) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const [draft, setDraft] = useState(emptyDraft);
  // One key per payment being entered: kept across retries, replaced once the payment is recorded.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<PaymentProblem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const set = (patch: Partial<PaymentDraft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setError(null);
    setRecorded(null);
    setSending(true);
    try {
      const result = await recordPayment(client, draft, idempotencyKey);
      if (result.problem) return setProblem(result.problem);
      setProblem(null);
      const unit = result.payment.unit?.designation ?? "—";
      setRecorded(t.finance.paymentRecorded(formatMoney(locale, result.payment.amount), unit));
      setDraft(emptyDraft());
      setIdempotencyKey(crypto.randomUUID());
    } catch (refused) {
      setError(refused);
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="money-form" onSubmit={(event) => void submit(event)} aria-labelledby="record-payment-heading">
      <h3 id="record-payment-heading">{t.finance.recordHeading}</h3>
      <label>
        {t.finance.unit}
        <select value={draft.unitId} onChange={(e) => set({ unitId: e.target.value })} required>
          <option value="">{t.unitPicker.chooseUnit}</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.designation}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.finance.amountEur}
        <input inputMode="decimal" value={draft.amount} onChange={(e) => set({ amount: e.target.value })} required placeholder="45,20" />
      </label>
      <label>
        {t.finance.paidOn}
        <input type="date" value={draft.paidOn} onChange={(e) => set({ paidOn: e.target.value })} required />
      </label>
      <label>
        {t.finance.method}
        <select value={draft.method} onChange={(e) => set({ method: e.target.value as PaymentMethod })}>
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {t.paymentMethod[method]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.finance.reference}
        <input value={draft.reference} onChange={(e) => set({ reference: e.target.value })} maxLength={140} />
      </label>
      <button type="submit" disabled={sending}>
        {sending ? t.finance.recording : t.finance.record}
      </button>
      {problem && (
        <p className="problem" role="alert">
          {t.finance.paymentProblem[problem]}
        </p>
      )}
      {error !== null && <Refused error={error} wording={t.finance.refused} />}
      {recorded && (
        <p className="done" role="status">
          {recorded}
        </p>
      )}
    </form>
  );
}
