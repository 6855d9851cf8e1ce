import { useQuery } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ListingStats } from "./operations.ts";

const DAYS = 30;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last 30 days of one listing: totals and a bar a day (views). */
export function ListingStatsPanel({ listingId }: { listingId: string }) {
  const { t, format } = useI18n();
  const to = new Date();
  const from = new Date(to.getTime() - (DAYS - 1) * 86_400_000);
  const { data } = useQuery(ListingStats, { variables: { listingId, from: isoDay(from), to: isoDay(to) } });
  const stats = data?.listingStats;
  if (!stats) return null;
  const most = Math.max(1, ...stats.days.map((d) => d.views));
  return (
    <section className="listing-stats">
      <h3>{t.console.stats.heading(DAYS)}</h3>
      <dl className="facts">
        <div>
          <dt>{t.console.stats.views}</dt>
          <dd>{stats.totals.views}</dd>
        </div>
        <div>
          <dt>{t.console.stats.favorites}</dt>
          <dd>{stats.totals.favorites}</dd>
        </div>
        <div>
          <dt>{t.console.stats.inquiries}</dt>
          <dd>{stats.totals.inquiries}</dd>
        </div>
      </dl>
      <div className="stats-bars" role="img" aria-label={t.console.stats.views}>
        {stats.days.map((day) => (
          <span key={day.day} title={`${format.date(day.day)}: ${day.views}`} style={{ height: `${(100 * day.views) / most}%` }} />
        ))}
      </div>
    </section>
  );
}
