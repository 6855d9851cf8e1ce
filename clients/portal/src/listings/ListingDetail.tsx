import { useEffect } from "react";
import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { FavoriteToggle } from "../favorites/FavoriteToggle.tsx";
import { graphql } from "../generated/gql.ts";
import { InquiryForm } from "../inquiries/InquiryForm.tsx";
import { ViewingRequestForm } from "../inquiries/ViewingRequestForm.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { usePageHead } from "../ssr/head.tsx";
import { agencyPath, listingPath, photoPath, realtorPath } from "../urls.ts";
import { BuildingFacts } from "./BuildingFacts.tsx";
import { ListingCard } from "./ListingCard.tsx";
import { rememberViewed } from "./recently-viewed.ts";
import { ShareLinks } from "./ShareLinks.tsx";
import { listingJsonLd } from "./listing-json-ld.ts";
import { pricePerSqm } from "../format.ts";

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
        caption
      }
      publishedAt
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
        slug
        phone
      }
      unit {
        id
        building {
          ...BuildingFacts
        }
      }
      similar(first: 6) {
        id
        ...ListingCard
      }
    }
  }
`);

/**
 * One listing: photos, price and its history, facts, the building (from the property subgraph),
 * contact; for signed-in users a favorite star, a question to the realtor and a viewing request.
 */
export function ListingDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const { data, loading, error } = useQuery(ListingDetailQuery, { variables: { id } });
  const listing = data?.listing;
  const price = listing ? format.price(listing.price, listing.transactionType, t.listing.perMonth) : "";
  // What visitors compare listings by; computed from the price and area the page already has.
  const perSqm = listing?.sizeSqm ? pricePerSqm(listing.price.amount, listing.sizeSqm) : null;
  usePageHead(
    listing
      ? {
          title: `${listing.title} – ${price} | ${t.appName}`,
          description: [listing.city, price, listing.description].filter(Boolean).join(" · ").slice(0, 200),
          canonicalPath: listingPath(listing),
          image: listing.photos[0] ? photoPath(listing.id, listing.photos[0].id) : null,
          ogType: "article",
          jsonLd: [listingJsonLd(listing)],
        }
      : { title: `${t.listing.notFound} | ${t.appName}` },
  );
  const viewed = listing ? { id: listing.id, title: listing.title, city: listing.city, path: listingPath(listing) } : null;
  useEffect(() => {
    // Browser only (effects do not run on the server): the visitor's own list, no server state.
    if (viewed) rememberViewed(window.localStorage, viewed);
  }, [viewed?.id, viewed?.title, viewed?.city, viewed?.path]);
  if (loading && !data) return <p className="notice">{t.loading}</p>;
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
      <p className="price big">{price}</p>
      <ShareLinks path={listingPath(listing)} title={listing.title} />
      {listing.photos.length > 0 && (
        <div className="gallery">
          {listing.photos.map((photo) => (
            <img key={photo.id} src={photoPath(listing.id, photo.id)} alt={photo.caption ?? listing.title} loading="lazy" />
          ))}
        </div>
      )}
      <dl className="facts-table">
        {listing.sizeSqm && <Fact label={t.listing.area} value={format.area(listing.sizeSqm)} />}
        {perSqm && <Fact label={t.listing.pricePerSqm} value={`${format.money(perSqm, listing.price.currency)}/m²`} />}
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
          {listing.realtor && (
            <p>
              <Link href={realtorPath(listing.realtor)}>{listing.realtor.displayName}</Link>
            </p>
          )}
          {listing.agency && (
            <p>
              <Link href={agencyPath(listing.agency)}>{listing.agency.name}</Link>
            </p>
          )}
          {(listing.realtor?.phone ?? listing.agency?.phone) && <p>☎ {listing.realtor?.phone ?? listing.agency?.phone}</p>}
          {listing.realtor?.email && <p>✉ {listing.realtor.email}</p>}
        </aside>
      )}
      <InquiryForm listingId={listing.id} />
      <ViewingRequestForm listingId={listing.id} />
      {listing.similar.length > 0 && (
        <section className="similar">
          <h2>{t.listing.similar}</h2>
          <div className="results">
            {listing.similar.map((similar) => (
              <ListingCard key={similar.id} listing={similar} />
            ))}
          </div>
        </section>
      )}
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
