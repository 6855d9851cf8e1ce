import { useI18n } from "./i18n/I18nContext.tsx";

interface Props {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  loading: boolean;
  /** The list query's fetchMore: the next page is merged by the cache's relayStylePagination policy. */
  fetchMore: (options: { variables: { after: string | null } }) => Promise<unknown>;
}

/** "Load more" of a Relay connection: asks for the page after the last cursor. */
export function LoadMore({ pageInfo, loading, fetchMore }: Props) {
  const { t } = useI18n();
  if (!pageInfo.hasNextPage) return null;
  return (
    <button className="load-more" disabled={loading} onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>
      {loading ? t.loading : t.loadMore}
    </button>
  );
}
