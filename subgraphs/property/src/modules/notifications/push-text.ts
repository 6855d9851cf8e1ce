// What a push notification says: a phone shows it on the lock screen to whoever picks it up, so
// it names the kind of news only (the category as title, a neutral sentence as body) and never
// a fault's title, an address, a unit, a name or a vote's subject. The app opens the detail from
// the ids in its data, behind the person's sign-in.
import type { NotificationCategory, NotificationLanguage } from "./categories.ts";

type Text = Record<NotificationLanguage, string>;

const categoryTitle: Record<NotificationCategory, Text> = {
  faults: { sk: "Poruchy", en: "Faults" },
  announcements: { sk: "Oznámenia", en: "Announcements" },
  voting: { sk: "Hlasovanie", en: "Voting" },
  messages: { sk: "Správy", en: "Messages" },
  rentals: { sk: "Prenájmy", en: "Rentals" },
  meters: { sk: "Merače", en: "Meters" },
  security: { sk: "Zabezpečenie", en: "Security" },
  general: { sk: "PPT", en: "PPT" },
};

const kindBody: Record<string, Text> = {
  "fault.reported": { sk: "Bola nahlásená nová porucha.", en: "A new fault was reported." },
  "fault.status_changed": { sk: "Stav poruchy sa zmenil.", en: "A fault's status changed." },
  "fault.commented": { sk: "K poruche pribudol komentár.", en: "A fault has a new comment." },
  "announcement.published": { sk: "Máte nové oznámenie.", en: "You have a new announcement." },
  "vote.published": { sk: "Začalo sa hlasovanie.", en: "A vote has opened." },
  "vote.closing_soon": { sk: "Hlasovanie sa končí do 24 hodín.", en: "A vote ends within 24 hours." },
  "vote.closed": { sk: "Hlasovanie sa skončilo.", en: "A vote has closed." },
  "message.digest": { sk: "Máte neprečítané správy.", en: "You have unread messages." },
  "rental.police_registration_due": { sk: "Blíži sa lehota na hlásenie pobytu hosťa.", en: "A guest's stay is due to be reported." },
  "rental.police_registration_overdue": { sk: "Lehota na hlásenie pobytu hosťa uplynula.", en: "A guest's stay report is overdue." },
  "rental.calendar_conflict": { sk: "V kalendári prenájmu je konflikt.", en: "A rental calendar has a conflict." },
  "meter.reading_due": { sk: "Blíži sa termín nahlásenia stavu meračov.", en: "Meter readings are due soon." },
  "meter.reading_verified": { sk: "Váš odpočet merača bol overený.", en: "Your meter reading was verified." },
  "meter.reading_rejected": { sk: "Váš odpočet merača bol zamietnutý.", en: "Your meter reading was rejected." },
};

const generic: Text = { sk: "Máte nové upozornenie.", en: "You have a new notification." };

export interface PushText {
  title: string;
  body: string;
  /** String values only (FCM's data is a string map): the event kind, the category and the ids to open. */
  data: Record<string, string>;
}

/** The lock-screen form of a notice: only ids (keys ending in Id) travel from its data. */
export function pushTextOf(kind: string, category: string, language: NotificationLanguage, data: Record<string, unknown>): PushText {
  const ids: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (key.endsWith("Id") && typeof value === "string" && value) ids[key] = value;
  return {
    title: (categoryTitle[category as NotificationCategory] ?? categoryTitle.general)[language],
    body: (kindBody[kind] ?? generic)[language],
    data: { kind, category, ...ids },
  };
}
