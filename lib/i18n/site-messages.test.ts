import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { hardcodedInApp } from '../node/app-sources';
import { compareMessages, messageArguments, messageAt, messageKeys } from './check';
import { LOCALES } from './locales';
import { MESSAGES, NAMESPACES } from './messages';

/** A value for every argument and rich-text tag a message names (numbers choose plural branches; tags keep their text). */
function valuesFor(message: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const a of messageArguments(message)) {
    if (a.startsWith('<')) values[a.slice(1, -1)] = (chunks: string) => `[${chunks}]`;
    else values[a.slice(1, -1)] = 3;
  }
  return values;
}

describe("the site's messages", () => {
  it('every namespace has the same keys, arguments and tags in English and Chinese, none empty', () => {
    expect(NAMESPACES.flatMap((ns) => compareMessages(ns, MESSAGES.en[ns], MESSAGES.zh[ns]))).toEqual([]);
  });

  it('every message of every namespace formats in both languages, with its arguments filled in', () => {
    let formatted = 0;
    for (const locale of LOCALES) {
      for (const ns of NAMESPACES) {
        const errors: string[] = [];
        const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: ns as never, onError: (e) => errors.push(e.message) });
        const markup = t.markup as unknown as (key: string, values: Record<string, unknown>) => string;
        for (const key of messageKeys(MESSAGES[locale][ns])) {
          const message = String(messageAt(MESSAGES[locale][ns], key));
          const out = markup(key, valuesFor(message));
          expect(out, `${locale} ${ns}.${key}`).not.toBe(`${ns}.${key}`);
          expect(out.trim().length, `${locale} ${ns}.${key}`).toBeGreaterThan(0);
          formatted++;
        }
        expect(errors, `${locale} ${ns}`).toEqual([]);
      }
    }
    expect(formatted).toBeGreaterThan(1000);
  });

  it('no UI text is written in app/ instead of the message files', async () => {
    expect((await hardcodedInApp()).map((h) => `${h.file}:${h.line}: ${h.text}`)).toEqual([]);
  });
});
