import { Link } from "wouter";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

export const InquiryItemFields = graphql(`
  fragment InquiryItem on Inquiry {
    id
    message
    status
    createdAt
    listing {
      id
      title
    }
    responses {
      id
      body
      createdAt
      realtor {
        id
        displayName
      }
    }
  }
`);

/** One sent inquiry: the listing, the question, its status and the realtor's answers. */
export function InquiryItem(props: { inquiry: FragmentType<typeof InquiryItemFields> }) {
  const { t, format } = useI18n();
  const inquiry = getFragmentData(InquiryItemFields, props.inquiry);
  return (
    <li className="inquiry">
      <p className="kind">
        {inquiry.listing ? <Link href={`/inzerat/${inquiry.listing.id}`}>{inquiry.listing.title}</Link> : t.inquiries.listingGone} ·{" "}
        {t.inquiries.status[inquiry.status]} · {t.inquiries.sentAt} {format.dateTime(inquiry.createdAt)}
      </p>
      <p className="message">{inquiry.message}</p>
      {inquiry.responses.length === 0 && <p className="notice">{t.inquiries.noResponse}</p>}
      {inquiry.responses.map((response) => (
        <blockquote key={response.id} className="response">
          <p className="kind">
            {t.inquiries.response}
            {response.realtor && ` · ${response.realtor.displayName}`} · {format.dateTime(response.createdAt)}
          </p>
          <p>{response.body}</p>
        </blockquote>
      ))}
    </li>
  );
}
