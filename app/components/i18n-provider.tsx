'use client';
/**
 * The page's language: English or Simplified Chinese, chosen from `?lang=` (kept in the address
 * as the page rewrites it), the reader's last choice (localStorage), then the browser's languages.
 * The static HTML is English; the chosen language replaces it as the page starts.
 */
import { NextIntlClientProvider } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { currentUrlState, replaceUrlState } from '@/app/url-state';
import { DEFAULT_LOCALE, HTML_LANG, LOCALE_STORAGE_KEY, LOCALES, localeOf, pickLocale, type Locale } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { translatorFor } from '@/lib/i18n/translate';

interface LocaleChoice {
  locale: Locale;
  /** Switches the language, remembers it and writes it into the address. */
  choose: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleChoice>({ locale: DEFAULT_LOCALE, choose: () => undefined });

export const useLocaleChoice = () => useContext(LocaleContext);

function remember(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage disabled: the address still holds the choice
  }
}

const SITE_TITLES = new Set(LOCALES.map((l) => translatorFor(l, 'site')('title')));

/**
 * The tab's title and the page's description in the reader's language. The static HTML has the
 * default language's, and Next commits its <title> again after the pages' effects have set their
 * own; so whenever the bare site title (in any language) comes back, the page's last title is put
 * back, or, for a page without one, the site's name in the reader's language.
 */
function useSiteTextInLanguage(locale: Locale): void {
  useEffect(() => {
    const site = translatorFor(locale, 'site');
    document.querySelector('meta[name="description"]')?.setAttribute('content', site('description'));
    let pageTitle = SITE_TITLES.has(document.title) ? null : document.title;
    const keep = () => {
      if (!SITE_TITLES.has(document.title)) pageTitle = document.title;
      else if (document.title !== (pageTitle ?? site('title'))) document.title = pageTitle ?? site('title');
    };
    keep();
    const observer = new MutationObserver(keep);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [locale]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);

  useEffect(() => {
    const param = currentUrlState().get('lang');
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    } catch {
      // no storage
    }
    const chosen = pickLocale({ param, stored, languages: navigator.languages });
    if (localeOf(param)) remember(chosen);
    setLocale(chosen);
  }, []);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[locale];
  }, [locale]);
  useSiteTextInLanguage(locale);

  const choose = useCallback((next: Locale) => {
    setLocale(next);
    remember(next);
    const params = currentUrlState();
    params.set('lang', next);
    replaceUrlState(params.toString());
  }, []);

  return (
    <LocaleContext.Provider value={{ locale, choose }}>
      <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="UTC">
        {children}
      </NextIntlClientProvider>
    </LocaleContext.Provider>
  );
}
