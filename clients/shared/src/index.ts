// What the management app and the portal share: the language layer and the server's refusals in
// the reader's language. Each app keeps its own texts (its dictionaries) and screens.
export { createI18n, type I18n, type I18nProviderProps } from "./i18n.tsx";
export { chosenLocale, INTL_TAG, isLocale, LANGUAGE_NAMES, LOCALES, pickLocale, pluralFor, type Locale, type PluralForms } from "./locale.ts";
export { attempt, describeRefusal, errorCode, fromExtensions, isNotFound, refusalOf, type Outcome, type Refusal, type RefusalWording } from "./refusal.ts";
export {
  enServerErrors,
  RATE_LIMIT_REASONS,
  SERVER_ERROR_CODES,
  skServerErrors,
  type AppServerErrorWording,
  type RateLimitReason,
  type ServerErrorCode,
  type ServerErrorMessages,
} from "./server-errors.ts";
export {
  CLIENT_NAME_HEADER,
  FIRST_PARTY_CLIENTS,
  persistedDocumentsLink,
  persistedHash,
  persistedRequestBody,
  type FirstPartyClient,
} from "./persisted-documents.ts";
