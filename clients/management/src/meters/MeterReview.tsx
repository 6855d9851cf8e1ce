import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import type { MeterKind, MeterReadingDecision } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { formatDay, formatDecimal, today } from "../finance/money-format.ts";
import { Refused } from "../Refused.tsx";

const BuildingReadings = graphql(`
  query BuildingReadings($buildingId: ID!) {
    meterReadingsToReview(buildingId: $buildingId) {
      id
      value
      readAt
      status
      consumption
      anomalyReason
      suggestedValue
      suggestionDiffers
      photoUrl
      meter {
        id
        kind
        serialNumber
        unitOfMeasure
        unit {
          id
          designation
        }
      }
    }
    meterReadingPeriods(buildingId: $buildingId) {
      id
      kind
      periodStart
      periodEnd
      opensOn
      closesOn
      isOpen
      closedAt
    }
  }
`);

const ReviewMeterReading = graphql(`
  mutation ReviewMeterReading($id: ID!, $decision: MeterReadingDecision!, $note: String) {
    reviewMeterReading(id: $id, decision: $decision, note: $note) {
      id
      status
      reviewNote
    }
  }
`);

const OpenMeterReadingPeriod = graphql(`
  mutation OpenMeterReadingPeriod($input: OpenMeterReadingPeriodInput!) {
    openMeterReadingPeriod(input: $input) {
      id
      isOpen
    }
  }
`);

const CloseMeterReadingPeriod = graphql(`
  mutation CloseMeterReadingPeriod($id: ID!) {
    closeMeterReadingPeriod(id: $id) {
      id
      isOpen
      closedAt
    }
  }
`);

const KINDS = Object.keys(sk.meterKind) as MeterKind[];

/** Staff (meters:manage): the building's flagged readings to verify or reject, and its reading periods. */
export function MeterReview({ buildingId }: { buildingId: string }) {
  const { t, locale, format } = useI18n();
  const { data, error } = useQuery(BuildingReadings, { variables: { buildingId } });
  const [review, reviewing] = useMutation(ReviewMeterReading, { refetchQueries: ["BuildingReadings", "UnitMeters"] });
  const [close, closing] = useMutation(CloseMeterReadingPeriod, { refetchQueries: ["BuildingReadings"] });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [missingNote, setMissingNote] = useState<string | null>(null);

  function decide(id: string, decision: MeterReadingDecision) {
    const note = notes[id]?.trim() || null;
    if (decision === "REJECT" && !note) return setMissingNote(id);
    setMissingNote(null);
    void review({ variables: { id, decision, note } }).catch(() => undefined);
  }

  if (error) return <p className="problem">{t.loadFailed}</p>;
  if (!data) return null;
  return (
    <>
      <h2>{t.meters.reviewHeading}</h2>
      {data.meterReadingsToReview.length === 0 ? (
        <p className="notice">{t.meters.nothingToReview}</p>
      ) : (
        <ul className="rows">
          {data.meterReadingsToReview.map((reading) => (
            <li key={reading.id}>
              <strong>{`${reading.meter.unit?.designation ?? "—"} · ${t.meterKind[reading.meter.kind]} · ${reading.meter.serialNumber}`}</strong>
              <span>{`${formatDecimal(locale, reading.value)} ${reading.meter.unitOfMeasure}`}</span>
              <span className="muted">{format.dateTime(reading.readAt)}</span>
              {reading.anomalyReason && <span className="problem">{reading.anomalyReason}</span>}
              {reading.suggestionDiffers && reading.suggestedValue && <span>{t.meters.suggested(reading.suggestedValue)}</span>}
              {reading.photoUrl && (
                <a href={reading.photoUrl} target="_blank" rel="noreferrer">
                  {t.meters.openPhoto}
                </a>
              )}
              <label className="inline">
                {t.meters.reviewNote} <input value={notes[reading.id] ?? ""} onChange={(e) => setNotes({ ...notes, [reading.id]: e.target.value })} />
              </label>
              <button type="button" disabled={reviewing.loading} onClick={() => decide(reading.id, "VERIFY")}>
                {t.meterReadingDecision.VERIFY}
              </button>
              <button type="button" className="secondary" disabled={reviewing.loading} onClick={() => decide(reading.id, "REJECT")}>
                {t.meterReadingDecision.REJECT}
              </button>
              {missingNote === reading.id && (
                <span className="problem" role="alert">
                  {t.meters.rejectNeedsNote}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {reviewing.error && <Refused error={reviewing.error} wording={t.meters.refused} />}
      <h2>{t.meters.periodsHeading}</h2>
      {data.meterReadingPeriods.length === 0 ? (
        <p className="notice">{t.meters.noPeriods}</p>
      ) : (
        <ul className="rows">
          {data.meterReadingPeriods.map((period) => (
            <li key={period.id}>
              <strong>{t.meterKind[period.kind]}</strong>
              <span>{`${formatDay(locale, period.periodStart)} – ${formatDay(locale, period.periodEnd)}`}</span>
              <span className="muted">{t.meters.submitWindow(formatDay(locale, period.opensOn), formatDay(locale, period.closesOn))}</span>
              <span>{period.isOpen ? t.meters.open : period.closedAt ? t.meters.closed : t.meters.notOpen}</span>
              {!period.closedAt && (
                <button
                  type="button"
                  className="secondary"
                  disabled={closing.loading}
                  onClick={() => void close({ variables: { id: period.id } }).catch(() => undefined)}
                >
                  {t.meters.closePeriod}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {closing.error && <Refused error={closing.error} wording={t.meters.refused} />}
      <OpenPeriodForm buildingId={buildingId} />
    </>
  );
}

function OpenPeriodForm({ buildingId }: { buildingId: string }) {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const [draft, setDraft] = useState({
    kind: "WATER_COLD" as MeterKind,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    opensOn: today(),
    closesOn: today(),
  });
  const [open, opening] = useMutation(OpenMeterReadingPeriod, { refetchQueries: ["BuildingReadings"] });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open({ variables: { input: { buildingId, ...draft } } }).catch(() => undefined);
  };
  return (
    <form className="money-form" onSubmit={submit} aria-labelledby="open-period-heading">
      <h3 id="open-period-heading">{t.meters.openPeriod}</h3>
      <label>
        {t.meters.kind}
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as MeterKind })}>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.meterKind[kind]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.meters.periodStart}
        <input type="date" value={draft.periodStart} onChange={(e) => set({ periodStart: e.target.value })} required />
      </label>
      <label>
        {t.meters.periodEnd}
        <input type="date" value={draft.periodEnd} onChange={(e) => set({ periodEnd: e.target.value })} required />
      </label>
      <label>
        {t.meters.opensOn}
        <input type="date" value={draft.opensOn} onChange={(e) => set({ opensOn: e.target.value })} required />
      </label>
      <label>
        {t.meters.closesOn}
        <input type="date" value={draft.closesOn} onChange={(e) => set({ closesOn: e.target.value })} required />
      </label>
      <button type="submit" disabled={opening.loading}>
        {t.meters.openPeriod}
      </button>
      {opening.error && <Refused error={opening.error} wording={t.meters.refused} />}
      {opening.data && (
        <p className="done" role="status">
          {t.meters.periodOpened}
        </p>
      )}
    </form>
  );
}
