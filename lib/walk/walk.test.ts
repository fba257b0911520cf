import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../glossary';
import { messageAt } from '../i18n/check';
import { LOCALES } from '../i18n/locales';
import { MESSAGES } from '../i18n/messages';
import { contextStateFrom } from '../route-state/context-state';
import { layersStateFrom } from '../route-state/layers-state';
import { queryStateFrom } from '../route-state/query-state';
import { ARTICLE_ANALOGIES, BIAS_EXAMPLE, NEIGHBOURS_EXAMPLE, walkPreset } from './analogies';
import { CITIES, cityById, cityPairs, groundKm, numberDistance } from './cities';
import { analogyHref, contextHref, layersHref, pagePath, withLang } from './links';
import { analogyRedirect } from './redirect';
import { extent, senseSeries } from './sense-series';
import { stepAnchor, stepKeys, WALK_STEPS } from './steps';

const SETS = [{ name: 'glove-6b-100d' }];
const params = (href: string) => new URL(href, 'http://x').searchParams;

describe('cities', () => {
  it('numberDistance(a, b) is the distance between the number pairs', () => {
    expect(numberDistance(cityById('washington'), cityById('new-york'))).toBeCloseTo(Math.hypot(1.8, 3), 10);
  });
  it('groundKm(a, b) gives the real distances within a few per cent', () => {
    expect(groundKm(cityById('london'), cityById('paris'))).toBeGreaterThan(330);
    expect(groundKm(cityById('london'), cityById('paris'))).toBeLessThan(355);
    expect(groundKm(cityById('washington'), cityById('new-york'))).toBeGreaterThan(315);
    expect(groundKm(cityById('washington'), cityById('new-york'))).toBeLessThan(345);
  });
  it('cityPairs() orders the six pairs the same way by numbers and by kilometres (the article’s point)', () => {
    const pairs = cityPairs();
    expect(pairs).toHaveLength(6);
    const km = pairs.map((p) => p.km);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    expect([pairs[0].a.id, pairs[0].b.id]).toEqual(['washington', 'new-york']);
  });
  it('cityById throws on an unknown id, naming the known ones', () => {
    expect(() => cityById('tokyo')).toThrow(/washington, new-york, london, paris/);
    expect(CITIES.map((c) => c.west)).toEqual([77, 74, 0.1, -2.4]);
  });
});

describe('analogyRedirect', () => {
  it('sends any analogy parameter, in the query or the fragment, to /analogies unchanged', () => {
    expect(analogyRedirect('?q=king+-+man+%2B+woman', '')).toBe('/analogies?q=king+-+man+%2B+woman');
    expect(analogyRedirect('?set=glove-6b-100d', '')).toBe('/analogies?set=glove-6b-100d');
    expect(analogyRedirect('?word=cat', '')).toBe('/analogies?word=cat');
    expect(analogyRedirect('', '#q=a+very+long+expression')).toBe('/analogies#q=a+very+long+expression');
    expect(analogyRedirect('?honest=1&k=20', '', true)).toBe('/analogies/?honest=1&k=20');
  });
  it('leaves the walk’s own addresses alone: step anchors and model parameters', () => {
    expect(analogyRedirect('', '')).toBeNull();
    expect(analogyRedirect('', '#step-analogies')).toBeNull();
    expect(analogyRedirect('?model=gpt2-tiny-random', '#step-bank')).toBeNull();
  });
});

describe('links', () => {
  it('pagePath adds the static build’s trailing slash once', () => {
    expect(pagePath('/analogies', true)).toBe('/analogies/');
    expect(pagePath('/analogies/', true)).toBe('/analogies/');
    expect(pagePath('/analogies', false)).toBe('/analogies');
  });
  it('withLang adds the reader’s language, except the default one, before any fragment', () => {
    expect(withLang('/analogies?q=cat', 'zh')).toBe('/analogies?q=cat&lang=zh');
    expect(withLang('/train', 'zh')).toBe('/train?lang=zh');
    expect(withLang('/layers?p=a#x', 'zh')).toBe('/layers?p=a&lang=zh#x');
    expect(withLang('/analogies?q=cat', 'en')).toBe('/analogies?q=cat');
    expect(withLang('/analogies?q=cat', undefined)).toBe('/analogies?q=cat');
  });
  it('analogyHref opens the analogy page on the expression', () => {
    const href = analogyHref('/analogies', 'king - man + woman');
    expect(href).toBe('/analogies?q=king+-+man+%2B+woman');
    expect(queryStateFrom(params(href), SETS)).toMatchObject({ q: 'king - man + woman', honest: false });
    expect(queryStateFrom(params(analogyHref('/analogies', 'cat', { honest: true })), SETS)).toMatchObject({ q: 'cat', honest: true });
  });
  it('contextHref round-trips through the context page’s parser, with the model parameters', () => {
    const sentences = [
      { text: 'We sat on the bank & fished.', sense: 'river' },
      { text: 'The bank lent us money?', sense: 'money' },
    ];
    const href = contextHref('/context', { target: 'bank', sentences }, { model: 'gpt2-tiny-random' });
    const p = params(href);
    expect(p.get('model')).toBe('gpt2-tiny-random');
    expect(contextStateFrom(p, { target: 'x', sentences: [] })).toEqual({ target: 'bank', sentences, pooling: 'last' });
  });
  it('layersHref round-trips through the layers page’s parser (leading spaces kept)', () => {
    const href = layersHref('/layers', { prompt: 'When Mary and John went to the store, John gave a drink to', tokens: [' Mary', ' John'], ablation: '9.6,9.9,10.0' }, { repo: 'a/b', hub: 'http://h' });
    const state = layersStateFrom(params(href), { prompt: 'other', tokens: [] });
    expect(state).toMatchObject({ prompt: 'When Mary and John went to the store, John gave a drink to', tokens: [' Mary', ' John'], ablation: '9.6,9.9,10.0' });
    expect(params(href).get('repo')).toBe('a/b');
    expect(params(layersHref('/layers', { prompt: 'p', tokens: [] })).has('ablate')).toBe(false);
  });
});

describe('the walk’s steps', () => {
  it('has the nine steps in the explanation’s order, GPT-2 from the fifth on', () => {
    expect(WALK_STEPS.map((s) => s.id)).toEqual(['cities', 'neighbours', 'analogies', 'bias', 'bank', 'ioi', 'capital', 'training', 'beliefs']);
    expect(WALK_STEPS.map((s) => s.gpt2)).toEqual([false, false, false, false, true, true, true, true, true]);
    expect(stepAnchor('analogies')).toBe('step-analogies');
  });
  it('gives every step, in both languages, a title, two or three paragraphs, a link label, and for a GPT-2 step what it would compute', () => {
    for (const s of WALK_STEPS) {
      expect(s.paragraphs.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.paragraphs.length, s.id).toBeLessThanOrEqual(3);
      expect(stepKeys(s), s.id).toContain(`steps.${s.id}.link`);
      expect(stepKeys(s).includes(`steps.${s.id}.pending`), s.id).toBe(s.gpt2);
      for (const locale of LOCALES) {
        for (const key of [...stepKeys(s), `parts.${s.part}`]) expect(messageAt(MESSAGES[locale].walk, key), `${locale} walk.${key}`).toEqual(expect.stringMatching(/\S/));
      }
    }
    // The Chinese prose is Chinese, not English left in place.
    for (const s of WALK_STEPS) expect(messageAt(MESSAGES.zh.walk, `steps.${s.id}.p1`), s.id).toMatch(/[\u4e00-\u9fff]{10}/);
  });
  it('marks only glossary terms, the same ones in both languages', () => {
    const termsOf = (text: unknown) => [...String(text).matchAll(/<term-([A-Za-z0-9]+)>/g)].map((m) => m[1]).sort();
    const keys = WALK_STEPS.flatMap(stepKeys);
    const marked = keys.flatMap((k) => termsOf(messageAt(MESSAGES.en.walk, k)));
    expect(marked.length).toBeGreaterThan(5);
    for (const id of marked) expect(Object.keys(GLOSSARY), `glossary term "${id}"`).toContain(id);
    for (const k of keys) expect(termsOf(messageAt(MESSAGES.zh.walk, k)), k).toEqual(termsOf(messageAt(MESSAGES.en.walk, k)));
  });
  it('runs examples the analogy page has as presets', () => {
    expect(walkPreset(ARTICLE_ANALOGIES[0]).expect).toBe('queen');
    expect(walkPreset(BIAS_EXAMPLE).expect).toBe('nurse');
    expect(walkPreset(NEIGHBOURS_EXAMPLE).alsoExpect).toEqual(['kitten', 'pet']);
    for (const e of ARTICLE_ANALOGIES) expect(walkPreset(e).expression).toBe(e);
    expect(() => walkPreset('no such thing')).toThrow(/no preset/);
  });
});

describe('senseSeries', () => {
  it('takes the same, different and baseline lines per layer and the peak layer', () => {
    const layer = (same: number | null, different: number | null, baseline: number | null) => ({ cosine: new Float32Array(), same, different, baseline, sameAdjusted: null, differentAdjusted: null, separation: null, relativeSeparation: null });
    const report = { layers: [layer(0.9, 0.8, 0.7), layer(0.8, 0.5, null)], peakLayer: 1, peakRelativeLayer: 1, samePairs: 6, differentPairs: 9 };
    const s = senseSeries(report);
    expect(s).toEqual({ same: [0.9, 0.8], different: [0.8, 0.5], baseline: [0.7, null], peakLayer: 1 });
    expect(extent(s.same, s.different, s.baseline)).toEqual([0.5, 0.9]);
    expect(extent([null])).toBeNull();
  });
});
