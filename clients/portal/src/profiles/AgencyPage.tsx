import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ListingCard } from "../listings/ListingCard.tsx";
import { usePageHead } from "../ssr/head.tsx";
import { agencyPath, realtorPath } from "../urls.ts";

const AgencyPageQuery = graphql(`
  query AgencyPage($slug: String!) {
    agencyBySlug(slug: $slug) {
      id
      name
      slug
      description
      email
      phone
      website
      street
      city
      postalCode
      areasServed
      verified
      realtors {
        role
        realtor {
          id
          displayName
        }
      }
      listings(first: 24) {
        totalCount
        edges {
          node {
            id
            ...ListingCard
          }
        }
      }
    }
  }
`);

/** An estate agency's public page: who they are, where they work, their realtors and listings. */
export function AgencyPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(AgencyPageQuery, { variables: { slug } });
  const agency = data?.agencyBySlug;
  usePageHead(
    agency
      ? {
          title: `${agency.name} | ${t.appName}`,
          description: agency.description ?? [agency.name, agency.city].filter(Boolean).join(", "),
          canonicalPath: agencyPath(agency),
          ogType: "profile",
          jsonLd: [
            {
              "@context": "https://schema.org",
              "@type": "Organization",
              name: agency.name,
              url: agencyPath(agency),
              ...(agency.email ? { email: agency.email } : {}),
              ...(agency.phone ? { telephone: agency.phone } : {}),
              ...(agency.website ? { sameAs: [agency.website] } : {}),
              ...(agency.city
                ? {
                    address: {
                      "@type": "PostalAddress",
                      addressLocality: agency.city,
                      streetAddress: agency.street ?? undefined,
                      postalCode: agency.postalCode ?? undefined,
                      addressCountry: "SK",
                    },
                  }
                : {}),
              ...(agency.areasServed.length ? { areaServed: agency.areasServed } : {}),
            },
          ],
        }
      : { title: `${t.profiles.agencyNotFound} | ${t.appName}`, status: loading ? 200 : 404 },
  );
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  if (!agency) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.profiles.agencyNotFound}</p>;
  return (
    <article className="profile agency-page">
      <h1>{agency.name}</h1>
      {!agency.verified && <p className="notice">{t.profiles.unverified}</p>}
      {agency.description && <p className="description">{agency.description}</p>}
      <dl className="facts-table">
        {agency.city && (
          <div>
            <dt>{t.profiles.contact}</dt>
            <dd>{[[agency.street, agency.postalCode].filter(Boolean).join(", "), agency.city, agency.phone, agency.email].filter(Boolean).join(" · ")}</dd>
          </div>
        )}
        {agency.areasServed.length > 0 && (
          <div>
            <dt>{t.profiles.areasServed}</dt>
            <dd>{agency.areasServed.join(", ")}</dd>
          </div>
        )}
      </dl>
      {agency.realtors.length > 0 && (
        <>
          <h2>{t.profiles.realtors}</h2>
          <ul className="tags">
            {agency.realtors.map((member) => (
              <li key={member.realtor.id}>
                <Link href={realtorPath(member.realtor)}>{member.realtor.displayName}</Link> ({t.agencyRole[member.role]})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t.profiles.listings}</h2>
      <p className="result-count">{t.resultCount(agency.listings.totalCount)}</p>
      <div className="results">
        {agency.listings.edges.map((edge) => (
          <ListingCard key={edge.node.id} listing={edge.node} />
        ))}
      </div>
    </article>
  );
}
