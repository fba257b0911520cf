import { describe, expect, it } from 'vitest';
import { localeOf, pickLocale } from './locales';

describe('pickLocale', () => {
  it('takes ?lang= first, then the stored choice, then the browser languages, then English', () => {
    expect(pickLocale({ param: 'zh', stored: 'en', languages: ['en-US'] })).toBe('zh');
    expect(pickLocale({ param: 'fr', stored: 'zh', languages: ['en-US'] })).toBe('zh');
    expect(pickLocale({ languages: ['de-DE', 'zh-CN', 'en'] })).toBe('zh');
    expect(pickLocale({ languages: ['zh-Hans-SG'] })).toBe('zh');
    expect(pickLocale({ languages: ['de'] })).toBe('en');
    expect(pickLocale({})).toBe('en');
  });

  it('reads language tags without caring about case or region', () => {
    expect(localeOf('ZH_tw')).toBe('zh');
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('')).toBeNull();
    expect(localeOf(undefined)).toBeNull();
  });
});
