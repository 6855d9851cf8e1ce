// The app's i18n layer: the reader's language, its dictionary and its Intl formatters.
//
// A small typed layer rather than i18next + react-i18next: the texts are plain TypeScript objects
// (sk.ts is the reference, en.ts is typed as its shape), so every key is checked by the compiler
// at its use (`t.faults.count(n)`), plural forms are ordinary functions over Intl.PluralRules, and
// numbers, dates and money go through Intl. i18next would add a runtime, string keys with their
// own typing layer and an interpolation syntax, for nothing these two apps need (no lazy loading
// of namespaces, no translators' file format yet).
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatterFor, type Formatter } from "../format.ts";
import { LANGUAGE_NAMES, LOCALE_STORAGE_KEY, LOCALES, type Locale } from "./locale.ts";
import { dictionaries, type Messages } from "./messages.ts";

export interface I18n {
  locale: Locale;
  t: Messages;
  format: Formatter;
  setLocale: (locale: Locale) => void;
}

const slovak: I18n = { locale: "sk", t: dictionaries.sk, format: formatterFor("sk"), setLocale: () => undefined };

/** Without a provider (a screen rendered alone, on the server) the app speaks Slovak. */
const I18nContext = createContext<I18n>(slovak);

interface ProviderProps {
  /** The language to start with (main.tsx picks it from the stored choice and the browser). */
  initial: Locale;
  /** Where a choice is remembered (localStorage in the browser); none on the server. */
  storage?: Pick<Storage, "setItem"> | null;
  children: ReactNode;
}

export function I18nProvider({ initial, storage = null, children }: ProviderProps) {
  const [locale, setLocale] = useState<Locale>(initial);
  // <html lang> follows the language: screen readers pronounce, and browsers hyphenate, by it.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: dictionaries[locale],
      format: formatterFor(locale),
      setLocale(next) {
        storage?.setItem(LOCALE_STORAGE_KEY, next);
        setLocale(next);
      },
    }),
    [locale, storage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The language switcher: each language named in itself, the current one marked current (aria-current). */
export function LanguageSwitcher() {
  const { locale, t, setLocale } = useI18n();
  return (
    <div className="language-switcher" role="group" aria-label={t.language}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          className="secondary"
          lang={option}
          aria-current={option === locale ? "true" : undefined}
          onClick={() => setLocale(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
