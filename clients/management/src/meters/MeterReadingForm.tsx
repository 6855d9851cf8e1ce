import { useRef, useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { UploadFailed } from "@ppt/client-shared/upload";
import { submitReading, type ReadingAttempt } from "./reading-submission.ts";

/** A reading of one meter, with a photo of its display (on a phone the file input opens the camera). */
export function MeterReadingForm({ meterId, unitOfMeasure }: { meterId: string; unitOfMeasure: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [rollover, setRollover] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const attempt = useRef<ReadingAttempt>({ idempotencyKey: crypto.randomUUID() });
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<"value" | "uploadFailed" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const id = (name: string) => `${name}-${meterId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setError(null);
    setDone(false);
    setSending(true);
    try {
      const result = await submitReading(client, { meterId, value, note, rollover, photo }, attempt.current);
      if (result.problem) return setProblem(result.problem);
      setProblem(null);
      setDone(true);
      setValue("");
      setNote("");
      setRollover(false);
      setPhoto(null);
      attempt.current = { idempotencyKey: crypto.randomUUID() };
    } catch (refused) {
      if (refused instanceof UploadFailed) setProblem("uploadFailed");
      else setError(refused);
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="money-form" onSubmit={(event) => void submit(event)} aria-labelledby={id("reading-heading")}>
      <h3 id={id("reading-heading")}>{t.meters.submitHeading}</h3>
      <label>
        {t.meters.value(unitOfMeasure)}
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>
      <label>
        {t.meters.photo}
        <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        {t.meters.note}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </label>
      <label className="check">
        <input type="checkbox" checked={rollover} onChange={(e) => setRollover(e.target.checked)} /> {t.meters.rollover}
      </label>
      <button type="submit" disabled={sending}>
        {sending ? t.meters.sending : t.meters.send}
      </button>
      {problem && (
        <p className="problem" role="alert">
          {t.meters.problem[problem]}
        </p>
      )}
      {error !== null && <Refused error={error} wording={t.meters.refused} />}
      {done && (
        <p className="done" role="status">
          {t.meters.sent}
        </p>
      )}
    </form>
  );
}
