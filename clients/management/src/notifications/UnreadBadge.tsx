import { Link } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useLiveUnreadCount } from "./live-notifications.ts";

/** The header's way to the notification centre, with the live unread count. */
export function UnreadBadge() {
  const { t } = useI18n();
  const unread = useLiveUnreadCount();
  return (
    // The name read out starts with what is seen ("Upozornenia"), then the count in words; the
    // badge's bare number is for the eye only (a label that differs from the visible text is what
    // speech control cannot match).
    <Link href="/upozornenia">
      {t.nav.notifications}
      {unread > 0 && (
        <span className="badge" data-testid="unread-count" aria-hidden="true">
          {unread}
        </span>
      )}
      <span className="visually-hidden">{`: ${t.nav.unread(unread)}`}</span>
    </Link>
  );
}
