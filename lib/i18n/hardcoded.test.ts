import { describe, expect, it } from 'vitest';
import { findHardcodedStrings, looksLikeProse } from './hardcoded';

const scan = (code: string) => findHardcodedStrings('x.tsx', code).map((h) => [h.kind, h.text]);

describe('findHardcodedStrings', () => {
  it('finds text between tags, read attributes and sentences kept in constants', () => {
    const found = scan(`
      const NOTE = 'Load the model first, please.';
      export function A() {
        return <div title="Open the map" aria-label={'Close it'}><p>Hello there</p><input placeholder={\`Type a word\`} /></div>;
      }`);
    expect(found).toEqual([
      ['literal', 'Load the model first, please.'],
      ['attribute', 'Open the map'],
      ['attribute', 'Close it'],
      ['jsx-text', 'Hello there'],
      ['attribute', 'Type a word'],
    ]);
  });

  it('leaves code alone: class lists, test ids, module paths, keys, code elements, t() calls, comparisons', () => {
    const found = scan(`
      import x from './some module';
      const cls = 'rounded border px-2 text-sm dark:bg-zinc-900';
      export function B({ t, mode }: any) {
        if (mode === 'show it below') return null;
        return <div className="flex gap-2 items-center" data-testid="run button" key="a b"><code>npm run models:gpt2</code><kbd>Shift Enter</kbd>{t('some.key')}{' '}</div>;
      }`);
    expect(found).toEqual([]);
  });
});

it('skips a line marked as deliberately untranslated', () => {
  expect(scan(`
    // i18n-exempt: each language's name in itself
    const NAMES = { en: 'English', zh: '中文' };`)).toEqual([]);
});

describe('looksLikeProse', () => {
  it('tells sentences from class lists and identifiers', () => {
    expect(looksLikeProse('Switched off: nothing yet')).toBe(true);
    expect(looksLikeProse('rounded border border-zinc-300 px-2')).toBe(false);
    expect(looksLikeProse('flex items-center gap-2')).toBe(false);
    expect(looksLikeProse('glove-6b-100d')).toBe(false);
    expect(looksLikeProse('模型')).toBe(true);
    expect(looksLikeProse('ok')).toBe(false);
  });
});

it('reads a string passed to any translator as a key, in attributes too, and still flags text beside it', () => {
  expect(scan(`
    export function C({ p }: any) {
      const t = useTranslations('analogy');
      const presets = useTranslations('analogy.presets');
      return <section aria-label={t('label')} title={presets(\`\${p}.claim\`)} alt={t(p === 'a b' ? 'one.key' : 'two.key')}><i title={other('Open the map')} /></section>;
    }`)).toEqual([['attribute', 'Open the map']]);
});
