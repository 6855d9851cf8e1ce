import { Link } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useLiveUnreadCount } from "./live-notifications.ts";

/** The header's way to the notification centre, with the live unread count. */
export function UnreadBadge() {
  const { t } = useI18n();
  const unread = useLiveUnreadCount();
  return (
    <Link href="/upozornenia" aria-label={`${t.nav.notifications}: ${t.nav.unread(unread)}`}>
      {t.nav.notifications}
      {unread > 0 && (
        <span className="badge" data-testid="unread-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
