/**
 * The app's languages and how a page picks one: `?lang=` in the address first (shareable), then
 * the reader's last choice, then the browser's languages, then English.
 */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The localStorage key that remembers the reader's choice. */
export const LOCALE_STORAGE_KEY = 'wve-lang';

/** The value for <html lang>. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

/** A locale from a tag such as "zh-CN", "zh-Hans-SG", "en-GB" or "zh"; null for languages the app does not have. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

export function pickLocale(input: { param?: string | null; stored?: string | null; languages?: readonly string[] }): Locale {
  return localeOf(input.param) ?? localeOf(input.stored) ?? input.languages?.map(localeOf).find((l) => l !== null) ?? DEFAULT_LOCALE;
}
