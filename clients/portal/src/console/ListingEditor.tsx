import { useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { Link, useLocation } from "wouter";
import { attempt } from "@ppt/client-shared";
import { FormActions } from "../FormActions.tsx";
import type { AddressVisibility, ConsoleListingQuery, EnergyClass, PropertyType, TransactionType } from "../generated/graphql.ts";
import { parsePriceInput } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { listingPath } from "../urls.ts";
import { useSubmit } from "../use-submit.ts";
import { ArchiveListing, ConsoleListing, CreateListing, PublishListing, UpdateListing } from "./operations.ts";
import { PhotoManager } from "./PhotoManager.tsx";
import { ListingStatsPanel } from "./ListingStatsPanel.tsx";

const PROPERTY_TYPES: PropertyType[] = ["APARTMENT", "HOUSE", "COMMERCIAL", "LAND"];
const TRANSACTION_TYPES: TransactionType[] = ["SALE", "RENT"];
const VISIBILITIES: AddressVisibility[] = ["FULL", "STREET", "DISTRICT"];
const ENERGY_CLASSES: EnergyClass[] = ["A0", "A1", "A", "B", "C", "D", "E", "F", "G"];
/** How long "extend" keeps a published listing online from today (the portal's usual 30 days). */
const EXTEND_DAYS = 30;

interface Fields {
  title: string;
  description: string;
  propertyType: PropertyType;
  transactionType: TransactionType;
  street: string;
  city: string;
  price: string;
  sizeSqm: string;
  rooms: string;
  energyClass: EnergyClass | "";
  addressVisibility: AddressVisibility;
  agencyId: string;
}

const EMPTY: Fields = {
  title: "",
  description: "",
  propertyType: "APARTMENT",
  transactionType: "SALE",
  street: "",
  city: "",
  price: "",
  sizeSqm: "",
  rooms: "",
  energyClass: "",
  addressVisibility: "STREET",
  agencyId: "",
};

/**
 * A new listing (no `id`: created as a DRAFT, then opened for its photos) or one to edit: its
 * details, photos, publishing (publish, take offline, extend) and statistics.
 */
export function ListingEditor({ id, agencies }: { id?: string; agencies: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const { data, loading } = useQuery(ConsoleListing, { variables: { id: id ?? "" }, skip: !id, fetchPolicy: "cache-and-network" });
  if (id && !data && loading) return <p className="notice">{t.loading}</p>;
  const listing = data?.listing;
  if (id && !listing) return <p className="notice">{t.listing.notFound}</p>;
  const initial: Fields = listing
    ? {
        title: listing.title,
        description: listing.description ?? "",
        propertyType: listing.propertyType,
        transactionType: listing.transactionType,
        street: listing.street ?? "",
        city: listing.city,
        price: listing.price.amount,
        sizeSqm: listing.sizeSqm ?? "",
        rooms: listing.rooms === null ? "" : String(listing.rooms),
        energyClass: listing.energyClass ?? "",
        addressVisibility: listing.addressVisibility,
        agencyId: listing.agency?.id ?? "",
      }
    : { ...EMPTY, agencyId: agencies[0]?.id ?? "" };
  return (
    <section className="listing-editor">
      <h2>{listing ? listing.title : t.console.nav.create}</h2>
      {listing && <Lifecycle listing={listing} />}
      <DetailsForm key={listing?.id ?? "new"} id={id} initial={initial} agencies={agencies} />
      {listing && <PhotoManager listingId={listing.id} photos={listing.photos} />}
      {listing && <ListingStatsPanel listingId={listing.id} />}
    </section>
  );
}

type EditedListing = NonNullable<ConsoleListingQuery["listing"]>;

/** The status, and what may be done with it now: publish a draft, take a published one offline, extend it. */
function Lifecycle({ listing }: { listing: EditedListing }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const { problem, busy, run } = useSubmit((m) => m.console.editor.refused);
  const published = listing.status === "ACTIVE" || listing.status === "RESERVED";
  const act = (operation: () => Promise<unknown>) => void run(() => attempt(operation));
  return (
    <div className="lifecycle">
      <p>
        <span className={`status status-${listing.status.toLowerCase()}`}>{t.listingStatus[listing.status]}</span>
        {listing.expiresAt && (
          <>
            {" "}
            {t.console.editor.expires} {format.date(listing.expiresAt)}
          </>
        )}
        {published && (
          <>
            {" "}
            <Link href={listingPath(listing)}>{t.console.editor.view}</Link>
          </>
        )}
      </p>
      {listing.status === "DRAFT" && (
        <button type="button" disabled={busy} onClick={() => act(() => client.mutate({ mutation: PublishListing, variables: { id: listing.id } }))}>
          {t.console.editor.publish}
        </button>
      )}
      {published && (
        <>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              act(() =>
                client.mutate({
                  mutation: UpdateListing,
                  variables: { id: listing.id, input: { expiresAt: new Date(Date.now() + EXTEND_DAYS * 86_400_000).toISOString() } },
                }),
              )
            }
          >
            {t.console.editor.extend}
          </button>{" "}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => act(() => client.mutate({ mutation: ArchiveListing, variables: { id: listing.id } }))}
          >
            {t.console.editor.unpublish}
          </button>
        </>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function DetailsForm({ id, initial, agencies }: { id: string | undefined; initial: Fields; agencies: { id: string; name: string }[] }) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const [, navigate] = useLocation();
  const [fields, setFields] = useState(initial);
  const { problem, setProblem, busy, done, run } = useSubmit((m) => m.console.editor.refused);
  const set = (name: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const price = parsePriceInput(fields.price, locale);
    if (!price) return setProblem(t.search.invalidPrice);
    const sizeSqm = fields.sizeSqm.trim() ? parsePriceInput(fields.sizeSqm, locale) : null;
    if (fields.sizeSqm.trim() && !sizeSqm) return setProblem(t.console.editor.invalidArea);
    const common = {
      title: fields.title.trim(),
      description: fields.description.trim() || null,
      propertyType: fields.propertyType,
      transactionType: fields.transactionType,
      street: fields.street.trim(),
      city: fields.city.trim(),
      price,
      sizeSqm,
      rooms: fields.rooms ? Number(fields.rooms) : null,
      energyClass: fields.energyClass || null,
      addressVisibility: fields.addressVisibility,
    };
    if (id) {
      await run(() => attempt(() => client.mutate({ mutation: UpdateListing, variables: { id, input: common } })));
      return;
    }
    let created: string | undefined;
    const ok = await run(() =>
      attempt(async () => {
        const result = await client.mutate({
          mutation: CreateListing,
          variables: { input: { ...common, ...(fields.agencyId ? { agencyId: fields.agencyId } : {}) } },
        });
        created = result.data?.createListing.id;
        client.cache.evict({ id: "ROOT_QUERY", fieldName: "myListings" });
      }),
    );
    if (ok && created) navigate(`/konzola/inzerat/${created}`);
  }

  return (
    <form className="listing-form" onSubmit={(event) => void submit(event)}>
      <label>
        {t.console.editor.title}
        <input value={fields.title} onChange={set("title")} required maxLength={200} />
      </label>
      <label>
        {t.console.editor.propertyType}
        <select value={fields.propertyType} onChange={set("propertyType")}>
          {PROPERTY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t.propertyType[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.search.transactionType}
        <select value={fields.transactionType} onChange={set("transactionType")}>
          {TRANSACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t.transactionType[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.console.editor.street}
        <input value={fields.street} onChange={set("street")} required maxLength={200} />
      </label>
      <label>
        {t.console.editor.addressVisibility}
        <select value={fields.addressVisibility} onChange={set("addressVisibility")}>
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t.addressVisibility[v]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.search.city}
        <input value={fields.city} onChange={set("city")} required maxLength={100} />
      </label>
      <label>
        {t.console.editor.price}
        <input value={fields.price} onChange={set("price")} inputMode="decimal" required />
      </label>
      <label>
        {t.listing.area}
        <input value={fields.sizeSqm} onChange={set("sizeSqm")} inputMode="decimal" />
      </label>
      <label>
        {t.listing.rooms}
        <input type="number" min={0} max={50} value={fields.rooms} onChange={set("rooms")} />
      </label>
      <label>
        {t.listing.energyClass}
        <select value={fields.energyClass} onChange={set("energyClass")}>
          <option value="">—</option>
          {ENERGY_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t.energyClass[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.console.editor.description}
        <textarea value={fields.description} onChange={set("description")} rows={6} maxLength={20000} />
      </label>
      {!id && agencies.length > 0 && (
        <label>
          {t.console.editor.agency}
          <select value={fields.agencyId} onChange={set("agencyId")}>
            <option value="">{t.console.editor.ownListing}</option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {done && id && (
        <p className="notice" role="status">
          {t.console.editor.saved}
        </p>
      )}
      <FormActions problem={problem} busy={busy} submit={id ? t.console.editor.save : t.console.editor.createDraft} />
    </form>
  );
}
