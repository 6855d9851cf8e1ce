import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Fact } from "../Fact.tsx";
import { formatDay } from "../finance/money-format.ts";
import type { GuestDocumentType } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { Refused } from "../Refused.tsx";
import { AddGuest, CancelReservation, RemoveGuest, ReservationDetail, UpdateReservation } from "./operations.ts";
import "../finance/finance.css";

const DOCUMENT_TYPES = Object.keys(sk.guestDocumentType) as GuestDocumentType[];
const CANCELLABLE = new Set(["TENTATIVE", "CONFIRMED"]);

/** One stay: its facts, new dates or guest count, cancelling it, and its guest book. */
export function ReservationPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { data, loading, error } = useQuery(ReservationDetail, { variables: { id } });
  const [cancel, cancelling] = useMutation(CancelReservation, { refetchQueries: ["ReservationDetail", "UnitReservations"] });
  const [remove, removing] = useMutation(RemoveGuest, { refetchQueries: ["ReservationDetail"] });
  const reservation = data?.reservation;
  if (error) return <p className="problem">{t.loadFailed}</p>;
  if (!reservation) return loading ? <p className="notice">{t.loading}</p> : <p className="problem">{t.errors.codes.NOT_FOUND}</p>;
  return (
    <section className="rentals">
      <h1>{t.rentals.detailHeading(formatDay(locale, reservation.checkIn), formatDay(locale, reservation.checkOut))}</h1>
      <dl className="facts">
        <Fact label={t.rentals.unit} value={reservation.unit.designation ?? "—"} />
        <Fact label={t.rentals.status} value={t.reservationStatus[reservation.status]} />
        <Fact label={t.rentals.source} value={t.reservationSource[reservation.source]} />
        <Fact label={t.rentals.nights} value={String(reservation.nights)} />
        <Fact label={t.rentals.guestCount} value={String(reservation.guestCount)} />
        <Fact
          label={t.rentals.contact}
          value={[reservation.contactName, reservation.contactEmail, reservation.contactPhone].filter(Boolean).join(", ") || "—"}
        />
        <Fact label={t.rentals.totalPrice} value={reservation.totalPrice ? `${reservation.totalPrice} ${reservation.currency}` : "—"} />
      </dl>
      {CANCELLABLE.has(reservation.status) && (
        <>
          <EditReservation id={reservation.id} checkIn={reservation.checkIn} checkOut={reservation.checkOut} guestCount={reservation.guestCount} />
          <p className="actions">
            <button type="button" className="secondary" disabled={cancelling.loading} onClick={() => void cancel({ variables: { id } }).catch(() => undefined)}>
              {t.rentals.cancel}
            </button>
          </p>
          {cancelling.error && <Refused error={cancelling.error} wording={t.rentals.refused} />}
        </>
      )}
      <h2>{t.rentals.guestsHeading}</h2>
      {reservation.guests.length === 0 ? (
        <p className="notice">{t.rentals.noGuests}</p>
      ) : (
        <ul className="rows">
          {reservation.guests.map((guest) => (
            <li key={guest.id}>
              <strong>{`${guest.firstName} ${guest.lastName}`}</strong>
              <span className="muted">{`${formatDay(locale, guest.stayFrom)} – ${formatDay(locale, guest.stayTo)}`}</span>
              {guest.nationality && <span>{guest.nationality}</span>}
              {guest.documentType && <span>{`${t.guestDocumentType[guest.documentType]} ${guest.documentNumber ?? ""}`}</span>}
              {guest.isForeign && <span className="badge">{t.rentals.foreign}</span>}
              <button
                type="button"
                className="secondary"
                disabled={removing.loading}
                aria-label={t.rentals.removeGuest(`${guest.firstName} ${guest.lastName}`)}
                onClick={() => void remove({ variables: { id: guest.id } }).catch(() => undefined)}
              >
                {t.rentals.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      {removing.error && <Refused error={removing.error} wording={t.rentals.refused} />}
      {reservation.status !== "CANCELLED" && <NewGuest reservationId={reservation.id} />}
    </section>
  );
}

function EditReservation(props: { id: string; checkIn: string; checkOut: string; guestCount: number }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ checkIn: props.checkIn, checkOut: props.checkOut, guestCount: String(props.guestCount) });
  const [invalid, setInvalid] = useState(false);
  const [update, updating] = useMutation(UpdateReservation, { refetchQueries: ["ReservationDetail", "UnitReservations"] });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const guestCount = Number(draft.guestCount);
    if (draft.checkOut <= draft.checkIn || !Number.isInteger(guestCount) || guestCount < 1) return setInvalid(true);
    setInvalid(false);
    void update({ variables: { id: props.id, input: { checkIn: draft.checkIn, checkOut: draft.checkOut, guestCount } } }).catch(() => undefined);
  };
  return (
    <form className="money-form" onSubmit={submit} aria-labelledby="edit-reservation-heading">
      <h2 id="edit-reservation-heading">{t.rentals.editHeading}</h2>
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
      <button type="submit" disabled={updating.loading}>
        {t.rentals.save}
      </button>
      {invalid && (
        <p className="problem" role="alert">
          {t.rentals.problem.dates}
        </p>
      )}
      {updating.error && <Refused error={updating.error} wording={t.rentals.refused} />}
      {updating.data && !updating.error && (
        <p className="done" role="status">
          {t.rentals.saved}
        </p>
      )}
    </form>
  );
}

function NewGuest({ reservationId }: { reservationId: string }) {
  const { t } = useI18n();
  const empty = { firstName: "", lastName: "", birthDate: "", nationality: "SK", documentType: "ID_CARD" as GuestDocumentType, documentNumber: "" };
  const [draft, setDraft] = useState(empty);
  const [add, adding] = useMutation(AddGuest, { refetchQueries: ["ReservationDetail"] });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await add({
      variables: {
        reservationId,
        input: {
          firstName: draft.firstName.trim(),
          lastName: draft.lastName.trim(),
          birthDate: draft.birthDate || null,
          nationality: draft.nationality.trim().toUpperCase() || null,
          documentType: draft.documentType,
          documentNumber: draft.documentNumber.trim() || null,
        },
      },
    }).catch(() => null);
    if (result?.data) setDraft(empty);
  }
  return (
    <form className="money-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-guest-heading">
      <h3 id="new-guest-heading">{t.rentals.addGuest}</h3>
      <label>
        {t.rentals.firstName}
        <input value={draft.firstName} onChange={(e) => set({ firstName: e.target.value })} required />
      </label>
      <label>
        {t.rentals.lastName}
        <input value={draft.lastName} onChange={(e) => set({ lastName: e.target.value })} required />
      </label>
      <label>
        {t.rentals.birthDate}
        <input type="date" value={draft.birthDate} onChange={(e) => set({ birthDate: e.target.value })} />
      </label>
      <label>
        {t.rentals.nationality}
        <input value={draft.nationality} onChange={(e) => set({ nationality: e.target.value })} maxLength={2} pattern="[A-Za-z]{2}" />
      </label>
      <label>
        {t.rentals.documentType}
        <select value={draft.documentType} onChange={(e) => set({ documentType: e.target.value as GuestDocumentType })}>
          {DOCUMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t.guestDocumentType[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.rentals.documentNumber}
        <input value={draft.documentNumber} onChange={(e) => set({ documentNumber: e.target.value })} />
      </label>
      <button type="submit" disabled={adding.loading}>
        {t.rentals.addGuest}
      </button>
      {adding.error && <Refused error={adding.error} wording={t.rentals.refused} />}
    </form>
  );
}
