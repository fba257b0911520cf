/**
 * A translator outside React (Node, workers, tests) for one locale and namespace, keyed by plain
 * strings: codes computed at run time (an error's code) cannot be checked against the message
 * types, so the check happens where it matters — `npm run -s check:i18n` and the message tests.
 */
import { createTranslator } from 'next-intl';
import type { Locale } from './locales';
import { MESSAGES } from './messages';

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function translatorFor(locale: Locale, namespace: string): Translate {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never });
  return (key, values) => (t as unknown as Translate)(key, values);
}
