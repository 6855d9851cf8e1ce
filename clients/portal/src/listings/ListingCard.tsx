import { Link } from "wouter";
import { FavoriteToggle } from "../favorites/FavoriteToggle.tsx";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { listingPath, photoPath } from "../urls.ts";

export const ListingCardFields = graphql(`
  fragment ListingCard on Listing {
    id
    savedByMe
    title
    propertyType
    transactionType
    price {
      amount
      currency
    }
    sizeSqm
    rooms
    street
    city
    district
    photos {
      id
      caption
    }
  }
`);

/** One search result: photo, title, place, size and price; a favorite star for signed-in users. */
export function ListingCard(props: { listing: FragmentType<typeof ListingCardFields> }) {
  const { t, format } = useI18n();
  const listing = getFragmentData(ListingCardFields, props.listing);
  const photo = listing.photos[0];
  const place = [listing.street, listing.district, listing.city].filter(Boolean).join(", ");
  return (
    <article className="listing-card">
      <Link href={listingPath(listing)} className="card-link">
        {photo ? (
          <img src={photoPath(listing.id, photo.id)} alt={photo.caption ?? listing.title} loading="lazy" />
        ) : (
          <div className="no-photo">{t.listing.noPhoto}</div>
        )}
        <div className="card-body">
          <p className="kind">
            {t.propertyType[listing.propertyType]} · {t.transactionType[listing.transactionType]}
          </p>
          <h2>{listing.title}</h2>
          <p className="place">{place}</p>
          <p className="facts">
            {listing.sizeSqm && <span>{format.area(listing.sizeSqm)}</span>}
            {listing.rooms != null && <span>{listing.rooms} izb.</span>}
          </p>
          <p className="price">{format.price(listing.price, listing.transactionType, t.listing.perMonth)}</p>
        </div>
      </Link>
      <FavoriteToggle listingId={listing.id} saved={listing.savedByMe} />
    </article>
  );
}
