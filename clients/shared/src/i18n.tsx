// An app's i18n layer: the reader's language, its dictionary and its Intl formatters.
//
// A small typed layer rather than i18next + react-i18next: the texts are plain TypeScript objects
// (each app's sk.ts is the reference, its en.ts is typed as that shape), so every key is checked by
// the compiler at its use (`t.faults.count(n)`), plural forms are ordinary functions over
// Intl.PluralRules, and numbers, dates and money go through Intl. i18next would add a runtime,
// string keys with their own typing layer and an interpolation syntax, for nothing these two apps
// need (no lazy loading of namespaces, no translators' file format yet).
//
// createI18n binds the layer to one app's dictionaries and formatters, so `t` and `format` have
// that app's types.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { LANGUAGE_NAMES, LOCALE_STORAGE_KEY, LOCALES, type Locale } from "./locale.ts";
import "./language-switcher.css";

export interface I18n<Messages, Formatter> {
  locale: Locale;
  t: Messages;
  format: Formatter;
  setLocale: (locale: Locale) => void;
}

export interface I18nProviderProps {
  /** The language to start with (main.tsx picks it with `chosenLocale`). */
  initial: Locale;
  /** Where a choice is remembered (localStorage in the browser); none on the server. */
  storage?: Pick<Storage, "setItem"> | null;
  children: ReactNode;
}

/** Every dictionary names the language switcher in its own language. */
interface Dictionary {
  language: string;
}

export function createI18n<Messages extends Dictionary, Formatter>(dictionaries: Record<Locale, Messages>, formatterFor: (locale: Locale) => Formatter) {
  type AppI18n = I18n<Messages, Formatter>;
  const slovak: AppI18n = { locale: "sk", t: dictionaries.sk, format: formatterFor("sk"), setLocale: () => undefined };

  /** Without a provider (a screen rendered alone, on the server) the app speaks Slovak. */
  const I18nContext = createContext<AppI18n>(slovak);

  function I18nProvider({ initial, storage = null, children }: I18nProviderProps) {
    const [locale, setLocale] = useState<Locale>(initial);
    // <html lang> follows the language: screen readers pronounce, and browsers hyphenate, by it.
    useEffect(() => {
      document.documentElement.lang = locale;
    }, [locale]);
    const value = useMemo<AppI18n>(
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

  function useI18n(): AppI18n {
    return useContext(I18nContext);
  }

  /** The language switcher: each language named in itself, the current one marked current (aria-current). */
  function LanguageSwitcher() {
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

  return { I18nProvider, useI18n, LanguageSwitcher };
}
