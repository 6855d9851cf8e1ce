// schema.org for a listing page: a RealEstateListing whose Offer carries the price, and the agency
// (an Organization) or realtor (a Person) that offers it. Addresses are root-relative here; the
// server makes them absolute with the site's public origin before writing the JSON-LD.
import type { PropertyType, TransactionType } from "../generated/graphql.ts";
import { agencyPath, listingPath, photoPath, realtorPath } from "../urls.ts";

interface ListingFacts {
  id: string;
  title: string;
  description?: string | null;
  propertyType: PropertyType;
  transactionType: TransactionType;
  city: string;
  district?: string | null;
  street?: string | null;
  postalCode?: string | null;
  price: { amount: string; currency: string };
  sizeSqm?: string | null;
  rooms?: number | null;
  publishedAt?: string | null;
  photos: readonly { id: string }[];
  agency?: { name: string; slug: string } | null;
  realtor?: { id: string; displayName: string } | null;
}

export function listingJsonLd(listing: ListingFacts): object {
  const seller = listing.agency
    ? { "@type": "Organization", name: listing.agency.name, url: agencyPath(listing.agency) }
    : listing.realtor
      ? { "@type": "Person", name: listing.realtor.displayName, url: realtorPath(listing.realtor) }
      : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "RealEstateListing",
    name: listing.title,
    ...(listing.description ? { description: listing.description } : {}),
    url: listingPath(listing),
    ...(listing.publishedAt ? { datePosted: listing.publishedAt } : {}),
    ...(listing.photos.length ? { image: listing.photos.map((photo) => photoPath(listing.id, photo.id)) } : {}),
    contentLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressLocality: listing.city,
        ...(listing.street ? { streetAddress: listing.street } : {}),
        ...(listing.postalCode ? { postalCode: listing.postalCode } : {}),
        addressCountry: "SK",
      },
    },
    ...(listing.sizeSqm ? { floorSize: { "@type": "QuantitativeValue", value: listing.sizeSqm, unitCode: "MTK" } } : {}),
    ...(listing.rooms != null ? { numberOfRooms: listing.rooms } : {}),
    offers: {
      "@type": "Offer",
      // The exact decimal as the API gives it: schema.org reads a dot-decimal string.
      price: listing.price.amount,
      priceCurrency: listing.price.currency,
      availability: "https://schema.org/InStock",
      businessFunction: listing.transactionType === "SALE" ? "http://purl.org/goodrelations/v1#Sell" : "http://purl.org/goodrelations/v1#LeaseOut",
      ...(seller ? { offeredBy: seller } : {}),
    },
  };
}
