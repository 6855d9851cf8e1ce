import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { formatDay } from "../finance/money-format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { LoadMore } from "../LoadMore.tsx";
import { Refused } from "../Refused.tsx";
import { UnitPicker, useDefaultBuilding } from "../UnitPicker.tsx";
import { CreateReservation, UnitReservations } from "./operations.ts";
import "../finance/finance.css";
import { ScrollTable } from "../ScrollTable.tsx";

/** A unit's short-term stays (newest check-in first) and a new reservation; the unit lives in the URL. */
export function RentalsPage() {
  const { t } = useI18n();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const buildingId = useDefaultBuilding(params.get("budova"));
  const unitId = params.get("jednotka");
  return (
    <section className="rentals">
      <h1>{t.rentals.heading}</h1>
      <UnitPicker
        value={{ buildingId, unitId }}
        onChange={(next) => navigate(`/prenajmy?budova=${next.buildingId ?? ""}${next.unitId ? `&jednotka=${next.unitId}` : ""}`)}
      />
      {unitId ? (
        <>
          <ReservationList unitId={unitId} />
          <NewReservation unitId={unitId} />
        </>
      ) : (
        <p className="notice">{t.rentals.chooseUnit}</p>
      )}
    </section>
  );
}

function ReservationList({ unitId }: { unitId: string }) {
  const { t, locale } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(UnitReservations, { variables: { unitId } });
  if (error) return <p className="problem">{t.loadFailed}</p>;
  if (!data) return loading ? <p className="notice">{t.loading}</p> : null;
  const reservations = data.reservations;
  return (
    <>
      <p className="result-count">{t.rentals.count(reservations.totalCount)}</p>
      {reservations.edges.length > 0 && (
        <ScrollTable
          label={t.rentals.heading}
          headings={[t.rentals.stay, t.rentals.nights, t.rentals.guestCount, t.rentals.contact, t.rentals.source, t.rentals.status]}
        >
          {reservations.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>
                <Link href={`/prenajmy/${node.id}`}>{`${formatDay(locale, node.checkIn)} – ${formatDay(locale, node.checkOut)}`}</Link>
              </td>
              <td>{node.nights}</td>
              <td>{node.guestCount}</td>
              <td>{node.contactName ?? "—"}</td>
              <td>{t.reservationSource[node.source]}</td>
              <td>{t.reservationStatus[node.status]}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <LoadMore pageInfo={reservations.pageInfo} loading={loading} fetchMore={fetchMore} />
    </>
  );
}

function NewReservation({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState({ checkIn: "", checkOut: "", guestCount: "2", contactName: "", contactEmail: "", totalPrice: "" });
  const [problem, setProblem] = useState<"dates" | "guestCount" | "price" | null>(null);
  const [create, creating] = useMutation(CreateReservation, { refetchQueries: ["UnitReservations"] });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const guestCount = Number(draft.guestCount);
    const totalPrice = draft.totalPrice.trim().replace(",", ".");
    if (!draft.checkIn || !draft.checkOut || draft.checkOut <= draft.checkIn) return setProblem("dates");
    if (!Number.isInteger(guestCount) || guestCount < 1) return setProblem("guestCount");
    if (totalPrice && !/^\d+(?:\.\d{1,2})?$/.test(totalPrice)) return setProblem("price");
    setProblem(null);
    const result = await create({
      variables: {
        input: {
          unitId,
          checkIn: draft.checkIn,
          checkOut: draft.checkOut,
          guestCount,
          totalPrice: totalPrice || null,
          contactName: draft.contactName.trim() || null,
          contactEmail: draft.contactEmail.trim() || null,
        },
      },
    }).catch(() => null);
    if (result?.data) navigate(`/prenajmy/${result.data.createReservation.id}`);
  }

  return (
    <form className="money-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-reservation-heading">
      <h2 id="new-reservation-heading">{t.rentals.newHeading}</h2>
      <label>
        {t.rentals.checkIn}
        <input type="date" value={draft.checkIn} onChange={(e) => set({ checkIn: e.target.value })} required />
      </label>
      <label>
        {t.rentals.checkOut}
        <input type="date" value={draft.checkOut} onChange={(e) => set({ checkOut: e.target.value })} required />
      </label>
      <label>
        {t.rentals.guestCount}
        <input type="number" min={1} value={draft.guestCount} onChange={(e) => set({ guestCount: e.target.value })} required />
      </label>
      <label>
        {t.rentals.contactName}
        <input value={draft.contactName} onChange={(e) => set({ contactName: e.target.value })} />
      </label>
      <label>
        {t.rentals.contactEmail}
        <input type="email" value={draft.contactEmail} onChange={(e) => set({ contactEmail: e.target.value })} />
      </label>
      <label>
        {t.rentals.totalPrice}
        <input inputMode="decimal" value={draft.totalPrice} onChange={(e) => set({ totalPrice: e.target.value })} />
      </label>
      <button type="submit" disabled={creating.loading}>
        {t.rentals.create}
      </button>
      {problem && (
        <p className="problem" role="alert">
          {t.rentals.problem[problem]}
        </p>
      )}
      {creating.error && <Refused error={creating.error} wording={t.rentals.refused} />}
    </form>
  );
}
