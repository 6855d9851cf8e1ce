import { useQuery } from "@apollo/client/react";
import { useLocation, useSearch } from "wouter";
import { UnitMeters } from "@ppt/client-shared/operations";
import { useI18n } from "../i18n/I18nContext.tsx";
import { formatDay, formatDecimal } from "../finance/money-format.ts";
import { usePermission } from "../session/SessionContext.tsx";
import { UnitPicker, useDefaultBuilding } from "../UnitPicker.tsx";
import { MeterReadingForm } from "./MeterReadingForm.tsx";
import { MeterReview } from "./MeterReview.tsx";
import "../finance/finance.css";

/**
 * A unit's meters with their readings (newest first) and a reading form under each; staff also get
 * the building's readings to review and its reading periods. Building and unit live in the URL.
 */
export function MetersPage() {
  const { t } = useI18n();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const buildingId = useDefaultBuilding(params.get("budova"));
  const unitId = params.get("jednotka");
  const staff = usePermission("meters:manage");
  return (
    <section className="meters">
      <h1>{t.meters.heading}</h1>
      <UnitPicker
        value={{ buildingId, unitId }}
        onChange={(next) => navigate(`/meradla?budova=${next.buildingId ?? ""}${next.unitId ? `&jednotka=${next.unitId}` : ""}`)}
      />
      {unitId ? <UnitMeterList unitId={unitId} /> : <p className="notice">{t.meters.chooseUnit}</p>}
      {staff && buildingId && <MeterReview buildingId={buildingId} />}
    </section>
  );
}

function UnitMeterList({ unitId }: { unitId: string }) {
  const { t, locale, format } = useI18n();
  const { data, loading, error } = useQuery(UnitMeters, { variables: { unitId } });
  if (error) return <p className="problem">{t.loadFailed}</p>;
  if (!data) return loading ? <p className="notice">{t.loading}</p> : null;
  if (data.meters.length === 0) return <p className="notice">{t.meters.none}</p>;
  return (
    <>
      {data.meters.map((meter) => (
        <article key={meter.id} className="meter" aria-labelledby={`meter-${meter.id}`}>
          <h2 id={`meter-${meter.id}`}>{`${t.meterKind[meter.kind]} · ${meter.serialNumber}`}</h2>
          <p className="muted">
            {[meter.location, meter.verificationDueOn ? t.meters.verificationDue(formatDay(locale, meter.verificationDueOn)) : null]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {meter.readings.length === 0 ? (
            <p className="notice">{t.meters.noReadings}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t.meters.historyCaption}>
              <table className="units">
                <caption className="muted">{t.meters.historyCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.meters.readAt}</th>
                    <th scope="col">{t.meters.valueColumn(meter.unitOfMeasure)}</th>
                    <th scope="col">{t.meters.consumption}</th>
                    <th scope="col">{t.meters.status}</th>
                    <th scope="col">{t.meters.remark}</th>
                  </tr>
                </thead>
                <tbody>
                  {meter.readings.map((reading) => (
                    <tr key={reading.id} className={reading.status === "REJECTED" || reading.status === "FLAGGED" ? "row-problem" : undefined}>
                      <td>{format.dateTime(reading.readAt)}</td>
                      <td>{formatDecimal(locale, reading.value)}</td>
                      <td>{reading.consumption ? formatDecimal(locale, reading.consumption) : "—"}</td>
                      <td>{reading.isEstimated ? `${t.meterReadingStatus[reading.status]} (${t.meters.estimated})` : t.meterReadingStatus[reading.status]}</td>
                      <td>{reading.reviewNote ?? reading.anomalyReason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <MeterReadingForm meterId={meter.id} unitOfMeasure={meter.unitOfMeasure} />
        </article>
      ))}
    </>
  );
}
