// The server's stable error codes (`extensions.code`) and the reasons of a RATE_LIMITED refusal
// (`extensions.reason`) that the apps word in the reader's language, with that wording in each
// language. An app's dictionary takes it under `errors`, naming in its own words only what means
// something different in it (what NOT_FOUND hides, what is out of date); a code missing in a
// language fails the typecheck.
import { pluralFor } from "./locale.ts";

export const SERVER_ERROR_CODES = [
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "QUERY_TOO_COMPLEX",
  "QUERY_TOO_LARGE",
  "PAYLOAD_TOO_LARGE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
  /** Not the server's: no answer came (offline, the gateway down). */
  "NETWORK",
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Why a RATE_LIMITED refusal was made (the kit's RateLimitReason and the gateway's subscription
 * limit). TOO_MANY_REQUESTS says no more than the code, so it reads as the code (or as the
 * screen's own wording for RATE_LIMITED: "too many inquiries in the last hour").
 */
export const RATE_LIMIT_REASONS = ["LOGIN_LOCKED", "TOO_MANY_FAILURES", "QUOTA_EXCEEDED", "TOO_MANY_SUBSCRIPTIONS"] as const;
export type RateLimitReason = (typeof RATE_LIMIT_REASONS)[number];

export interface ServerErrorMessages {
  codes: Record<ServerErrorCode, string>;
  reasons: Record<RateLimitReason, string>;
  /** Appended to a rate-limit message when the server says how long to wait. */
  retryAfter: (seconds: number) => string;
  /** A code this app does not know yet. */
  other: string;
}

/** The codes each app words itself: NOT_FOUND also hides what is not public (portal) or not yours (management). */
export type AppServerErrorWording = Pick<Record<ServerErrorCode, string>, "NOT_FOUND" | "GRAPHQL_VALIDATION_FAILED">;

const skPlural = pluralFor("sk");

/** The server's refusals in Slovak. */
export function skServerErrors(own: AppServerErrorWording): ServerErrorMessages {
  return {
    codes: {
      BAD_USER_INPUT: "Skontrolujte zadané údaje.",
      BAD_REQUEST: "Požiadavka je neplatná. Obnovte stránku a skúste to znova.",
      UNAUTHENTICATED: "Vaše prihlásenie vypršalo. Prihláste sa, prosím, znova.",
      FORBIDDEN: "Na túto akciu nemáte oprávnenie.",
      CONFLICT: "Údaje medzitým zmenil niekto iný alebo už existujú. Obnovte stránku a skúste to znova.",
      RATE_LIMITED: "Príliš veľa pokusov. Skúste to o chvíľu.",
      QUERY_TOO_COMPLEX: "Požiadavka je príliš zložitá. Zúžte výber a skúste to znova.",
      QUERY_TOO_LARGE: "Požiadavka je príliš veľká. Zúžte výber a skúste to znova.",
      PAYLOAD_TOO_LARGE: "Odosielané údaje sú príliš veľké.",
      GRAPHQL_PARSE_FAILED: "Požiadavka je neplatná. Obnovte stránku a skúste to znova.",
      SERVICE_UNAVAILABLE: "Služba je dočasne nedostupná. Skúste to o chvíľu.",
      INTERNAL_SERVER_ERROR: "Na serveri nastala chyba. Skúste to, prosím, znova.",
      NETWORK: "Server je nedostupný. Skontrolujte pripojenie.",
      ...own,
    },
    reasons: {
      LOGIN_LOCKED: "Účet je po viacerých nesprávnych pokusoch dočasne zamknutý.",
      TOO_MANY_FAILURES: "Z tejto adresy bolo priveľa nesprávnych pokusov.",
      QUOTA_EXCEEDED: "Limit požiadaviek je vyčerpaný.",
      TOO_MANY_SUBSCRIPTIONS: "Máte otvorených priveľa živých aktualizácií. Zatvorte niektoré karty.",
    },
    retryAfter: (seconds) =>
      seconds < 90
        ? `Skúste to znova o ${seconds} ${skPlural(seconds, { one: "sekundu", few: "sekundy", other: "sekúnd" })}.`
        : `Skúste to znova o ${Math.ceil(seconds / 60)} ${skPlural(Math.ceil(seconds / 60), { one: "minútu", few: "minúty", other: "minút" })}.`,
    other: "Nepodarilo sa to. Skúste to, prosím, znova.",
  };
}

const enPlural = pluralFor("en");
const enCount = new Intl.NumberFormat("en-GB");
const enCounted = (n: number, one: string, other: string) => `${enCount.format(n)} ${enPlural(n, { one, other })}`;

/** The server's refusals in English. */
export function enServerErrors(own: AppServerErrorWording): ServerErrorMessages {
  return {
    codes: {
      BAD_USER_INPUT: "Please check what you entered.",
      BAD_REQUEST: "The request is not valid. Reload the page and try again.",
      UNAUTHENTICATED: "Your sign-in has expired. Please sign in again.",
      FORBIDDEN: "You are not allowed to do this.",
      CONFLICT: "Someone else has changed the data meanwhile, or it already exists. Reload the page and try again.",
      RATE_LIMITED: "Too many attempts. Try again in a moment.",
      QUERY_TOO_COMPLEX: "The request is too complex. Narrow it down and try again.",
      QUERY_TOO_LARGE: "The request is too large. Narrow it down and try again.",
      PAYLOAD_TOO_LARGE: "What you are sending is too large.",
      GRAPHQL_PARSE_FAILED: "The request is not valid. Reload the page and try again.",
      SERVICE_UNAVAILABLE: "The service is temporarily unavailable. Try again in a moment.",
      INTERNAL_SERVER_ERROR: "Something went wrong on the server. Please try again.",
      NETWORK: "The server cannot be reached. Check your connection.",
      ...own,
    },
    reasons: {
      LOGIN_LOCKED: "The account is locked for a while after several wrong attempts.",
      TOO_MANY_FAILURES: "Too many wrong attempts from this address.",
      QUOTA_EXCEEDED: "The request quota is used up.",
      TOO_MANY_SUBSCRIPTIONS: "Too many live updates are open. Close some tabs.",
    },
    retryAfter: (seconds) =>
      seconds < 90 ? `Try again in ${enCounted(seconds, "second", "seconds")}.` : `Try again in ${enCounted(Math.ceil(seconds / 60), "minute", "minutes")}.`,
    other: "That did not work. Please try again.",
  };
}
