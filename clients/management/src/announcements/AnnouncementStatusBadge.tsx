import type { AnnouncementStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

/** Where an announcement is in its life, for staff (residents only ever see published ones). */
export function AnnouncementStatusBadge({ status }: { status: AnnouncementStatus }) {
  const { t } = useI18n();
  return <span className={`badge announcement-${status.toLowerCase()}`}>{t.announcementStatus[status]}</span>;
}
