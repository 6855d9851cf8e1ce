// The unsubscribe links of the portal's notification mail: the portal's page with the kit's
// signed token of one purpose and one subject (a saved search's alerts, a realtor's mail), so the
// link works without sign-in and can only ever turn off the one thing it names.
import { isUuid, signUnsubscribeToken, verifyUnsubscribeToken } from "@ppt/server-kit";

/** The portal's unsubscribe page: `?hladanie=<token>` (a saved search's alerts), `?makler=<token>` (a realtor's mail). */
export const UNSUBSCRIBE_PATH = "/odhlasenie-upozorneni";

export type UnsubscribePurpose = "saved-search" | "realtor-mail";

const PARAMETER: Record<UnsubscribePurpose, string> = { "saved-search": "hladanie", "realtor-mail": "makler" };

/** The link that turns `subjectId`'s mail of `purpose` off; null without a signing key (the caller links a page where it is done signed in). */
export function unsubscribeUrl(portalUrl: string, key: Buffer | null, purpose: UnsubscribePurpose, subjectId: string): string | null {
  if (!key) return null;
  return `${portalUrl}${UNSUBSCRIBE_PATH}?${PARAMETER[purpose]}=${encodeURIComponent(signUnsubscribeToken(key, purpose, [subjectId]))}`;
}

/** The id a genuine link of `purpose` names, else null. */
export function unsubscribeSubject(key: Buffer | null, purpose: UnsubscribePurpose, token: string): string | null {
  const [id] = (key && verifyUnsubscribeToken(key, purpose, token)) || [];
  return id && isUuid(id) ? id : null;
}
