import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ListingCard } from "../listings/ListingCard.tsx";
import { usePageHead } from "../ssr/head.tsx";
import { agencyPath, realtorPath } from "../urls.ts";

const RealtorPageQuery = graphql(`
  query RealtorPage($id: ID!) {
    realtor(id: $id) {
      id
      displayName
      bio
      phone
      email
      languages
      licenses {
        id
        number
        issuer
      }
      agencies {
        role
        agency {
          id
          name
          slug
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

/** A realtor's public profile: bio, languages, licences, agencies and their listings. */
export function RealtorPage({ id }: { id: string | null }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(RealtorPageQuery, { variables: { id: id ?? "" }, skip: !id });
  const realtor = data?.realtor;
  usePageHead(
    realtor
      ? {
          title: `${realtor.displayName} | ${t.appName}`,
          description: realtor.bio ?? realtor.displayName,
          canonicalPath: realtorPath(realtor),
          ogType: "profile",
          jsonLd: [
            {
              "@context": "https://schema.org",
              "@type": "Person",
              name: realtor.displayName,
              url: realtorPath(realtor),
              jobTitle: "Realitný maklér",
              ...(realtor.agencies.length
                ? { worksFor: realtor.agencies.map((m) => ({ "@type": "Organization", name: m.agency.name, url: agencyPath(m.agency) })) }
                : {}),
            },
          ],
        }
      : { title: `${t.profiles.realtorNotFound} | ${t.appName}`, status: loading ? 200 : 404 },
  );
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  if (!realtor) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.profiles.realtorNotFound}</p>;
  return (
    <article className="profile realtor-page">
      <h1>{realtor.displayName}</h1>
      {realtor.bio && <p className="description">{realtor.bio}</p>}
      <dl className="facts-table">
        {(realtor.phone || realtor.email) && (
          <div>
            <dt>{t.profiles.contact}</dt>
            <dd>{[realtor.phone, realtor.email].filter(Boolean).join(" · ")}</dd>
          </div>
        )}
        {realtor.languages.length > 0 && (
          <div>
            <dt>{t.profiles.languages}</dt>
            <dd>{realtor.languages.join(", ")}</dd>
          </div>
        )}
        {realtor.licenses.length > 0 && (
          <div>
            <dt>{t.profiles.licenses}</dt>
            <dd>{realtor.licenses.map((licence) => `${licence.number} (${licence.issuer})`).join(", ")}</dd>
          </div>
        )}
        {realtor.agencies.length > 0 && (
          <div>
            <dt>{t.profiles.agencies}</dt>
            <dd>
              {realtor.agencies.map((member, index) => (
                <span key={member.agency.id}>
                  {index > 0 && ", "}
                  <Link href={agencyPath(member.agency)}>{member.agency.name}</Link> ({t.agencyRole[member.role]})
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <h2>{t.profiles.listings}</h2>
      <p className="result-count">{t.resultCount(realtor.listings.totalCount)}</p>
      <div className="results">
        {realtor.listings.edges.map((edge) => (
          <ListingCard key={edge.node.id} listing={edge.node} />
        ))}
      </div>
    </article>
  );
}
