import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { FavoriteToggle } from "../favorites/FavoriteToggle.tsx";
import { graphql } from "../generated/gql.ts";
import { InquiryForm } from "../inquiries/InquiryForm.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { BuildingFacts } from "./BuildingFacts.tsx";

const ListingDetailQuery = graphql(`
  query ListingDetail($id: ID!) {
    listing(id: $id) {
      id
      savedByMe
      title
      description
      propertyType
      transactionType
      price {
        amount
        currency
      }
      priceHistory {
        oldPrice
        newPrice
        currency
        changedAt
      }
      sizeSqm
      rooms
      floor
      totalFloors
      energyClass
      features
      photos {
        id
        url
        caption
      }
      street
      city
      district
      postalCode
      realtor {
        id
        displayName
        phone
        email
      }
      agency {
        id
        name
        phone
      }
      unit {
        id
        building {
          ...BuildingFacts
        }
      }
    }
  }
`);

/**
 * One listing: photos, price and its history, facts, the building (from the property subgraph),
 * contact; for signed-in users a favorite star and a question to the realtor.
 */
export function ListingDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const { data, loading, error } = useQuery(ListingDetailQuery, { variables: { id } });
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  const listing = data?.listing;
  if (!listing) {
    // A listing that is not (or no longer) public answers NOT_FOUND; anything else is a failure.
    const notFound = !error || isNotFound(error);
    return (
      <section>
        <p className="notice">{notFound ? t.listing.notFound : t.loadFailed}</p>
        <Link href="/">{t.listing.back}</Link>
      </section>
    );
  }
  const place = [listing.street, listing.district, listing.postalCode, listing.city].filter(Boolean).join(", ");
  const building = listing.unit?.building;
  return (
    <article className="listing-detail">
      <Link href="/">{t.listing.back}</Link>
      <p className="kind">
        {t.propertyType[listing.propertyType]} · {t.transactionType[listing.transactionType]}
      </p>
      <h1>{listing.title}</h1>
      <FavoriteToggle listingId={listing.id} saved={listing.savedByMe} />
      <p className="place">{place}</p>
      <p className="price big">{format.price(listing.price, listing.transactionType, t.listing.perMonth)}</p>
      {listing.photos.length > 0 && (
        <div className="gallery">
          {listing.photos.map((photo) => (
            <img key={photo.id} src={photo.url} alt={photo.caption ?? listing.title} loading="lazy" />
          ))}
        </div>
      )}
      <dl className="facts-table">
        {listing.sizeSqm && <Fact label={t.listing.area} value={format.area(listing.sizeSqm)} />}
        {listing.rooms != null && <Fact label={t.listing.rooms} value={String(listing.rooms)} />}
        {listing.floor != null && (
          <Fact label={t.listing.floor} value={listing.totalFloors != null ? `${listing.floor} / ${listing.totalFloors}` : String(listing.floor)} />
        )}
        {listing.energyClass && <Fact label={t.listing.energyClass} value={listing.energyClass} />}
      </dl>
      {listing.description && <p className="description">{listing.description}</p>}
      {listing.features.length > 0 && (
        <>
          <h2>{t.listing.features}</h2>
          <ul className="tags">
            {listing.features.map((feature) => (
              <li key={feature}>{t.featureLabel(feature)}</li>
            ))}
          </ul>
        </>
      )}
      {listing.priceHistory.length > 1 && (
        <>
          <h2>{t.listing.priceHistory}</h2>
          <ol className="price-history">
            {listing.priceHistory.map((change) => (
              <li key={String(change.changedAt)}>
                {format.date(change.changedAt)}: {format.money(change.newPrice, change.currency)}
              </li>
            ))}
          </ol>
        </>
      )}
      {building && <BuildingFacts building={building} />}
      {(listing.realtor || listing.agency) && (
        <aside className="contact">
          <h2>{t.listing.contact}</h2>
          {listing.realtor && <p>{listing.realtor.displayName}</p>}
          {listing.agency && <p>{listing.agency.name}</p>}
          {(listing.realtor?.phone ?? listing.agency?.phone) && <p>☎ {listing.realtor?.phone ?? listing.agency?.phone}</p>}
          {listing.realtor?.email && <p>✉ {listing.realtor.email}</p>}
        </aside>
      )}
      <InquiryForm listingId={listing.id} />
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
