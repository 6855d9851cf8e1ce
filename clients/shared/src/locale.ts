// The apps' languages and how one is chosen: a choice the person made (stored), else the
// browser's preferred languages, else Slovak (the product's market).

export const LOCALES = ["sk", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Where the chosen language is remembered between visits. */
export const LOCALE_STORAGE_KEY = "ppt.locale";

/** Each language's name in itself (a switcher shows "English" to a Slovak reader and the other way round). */
export const LANGUAGE_NAMES: Record<Locale, string> = { sk: "Slovenčina", en: "English" };

/**
 * The BCP 47 tag Intl formats with: Slovak as in Slovakia; English as in the UK (day before
 * month, 24-hour time, as the app's European readers expect, not the US order).
 */
export const INTL_TAG: Record<Locale, string> = { sk: "sk-SK", en: "en-GB" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language to show: the stored choice; else the first of the browser's languages we have
 * (Czech readers get Slovak, which they read natively); else, for a browser that prefers only
 * other languages, English; with no browser preference at all (server rendering), Slovak.
 */
export function pickLocale(stored: string | null | undefined, browserLanguages: readonly string[] = []): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "sk" || primary === "cs") return "sk";
    if (primary === "en") return "en";
  }
  return browserLanguages.length > 0 ? "en" : "sk";
}

/** The language to start a visit in: the one remembered in `storage` (the provider stores a choice there), else as pickLocale says. */
export function chosenLocale(storage: Pick<Storage, "getItem">, browserLanguages: readonly string[]): Locale {
  return pickLocale(storage.getItem(LOCALE_STORAGE_KEY), browserLanguages);
}

/** The plural form of a count in a language (Intl.PluralRules: Slovak has one/few/many/other, English one/other). */
export type PluralForms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export function pluralFor(locale: Locale): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(INTL_TAG[locale]);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
