import { Link } from "wouter";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { sk } from "../strings.ts";

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

const date = (iso: string) => new Date(iso).toLocaleString("sk-SK", { dateStyle: "medium", timeStyle: "short" });

/** One sent inquiry: the listing, the question, its status and the realtor's answers. */
export function InquiryItem(props: { inquiry: FragmentType<typeof InquiryItemFields> }) {
  const inquiry = getFragmentData(InquiryItemFields, props.inquiry);
  return (
    <li className="inquiry">
      <p className="kind">
        {inquiry.listing ? <Link href={`/inzerat/${inquiry.listing.id}`}>{inquiry.listing.title}</Link> : sk.inquiries.listingGone} ·{" "}
        {sk.inquiries.status[inquiry.status]} · {sk.inquiries.sentAt} {date(inquiry.createdAt)}
      </p>
      <p className="message">{inquiry.message}</p>
      {inquiry.responses.length === 0 && <p className="notice">{sk.inquiries.noResponse}</p>}
      {inquiry.responses.map((response) => (
        <blockquote key={response.id} className="response">
          <p className="kind">
            {sk.inquiries.response}
            {response.realtor && ` · ${response.realtor.displayName}`} · {date(response.createdAt)}
          </p>
          <p>{response.body}</p>
        </blockquote>
      ))}
    </li>
  );
}
