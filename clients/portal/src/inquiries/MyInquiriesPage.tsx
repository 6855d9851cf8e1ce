import { useQuery } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { INQUIRIES_PAGE_SIZE, MyInquiriesQuery } from "./inquiries.ts";
import { InquiryItem } from "./InquiryItem.tsx";
import { MyViewings } from "./MyViewings.tsx";

/** "Moje dopyty": the signed-in user's inquiries, newest first, with the realtors' answers, and their viewing requests. */
export function MyInquiriesPage() {
  const { t } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(MyInquiriesQuery, { variables: { first: INQUIRIES_PAGE_SIZE } });
  const inquiries = data?.myInquiries;
  return (
    <section className="my-inquiries">
      <h1>{t.inquiries.heading}</h1>
      {error && (
        <p className="problem" role="alert">
          {t.loadFailed}
        </p>
      )}
      {!inquiries && loading && <p className="notice">{t.loading}</p>}
      {inquiries?.edges.length === 0 && <p className="notice">{t.inquiries.none}</p>}
      {inquiries && inquiries.edges.length > 0 && (
        <ul className="item-list">
          {inquiries.edges.map((edge) => (
            <InquiryItem key={edge.node.id} inquiry={edge.node} />
          ))}
        </ul>
      )}
      {inquiries?.pageInfo.hasNextPage && (
        <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: inquiries.pageInfo.endCursor } })}>
          {loading ? t.loading : t.search.loadMore}
        </button>
      )}
      <MyViewings />
    </section>
  );
}
