import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18n/messages';
import { ANALOGY_PRESETS, findPreset } from './presets';

describe('the analogy presets', () => {
  it('each has a label and a claim in both languages, under its id', () => {
    expect(new Set(ANALOGY_PRESETS.map((p) => p.id)).size).toBe(ANALOGY_PRESETS.length);
    for (const locale of ['en', 'zh'] as const) {
      const presets = (MESSAGES[locale].analogy as { presets: Record<string, { label?: string; claim?: string }> }).presets;
      expect(Object.keys(presets).sort(), locale).toEqual(ANALOGY_PRESETS.map((p) => p.id).sort());
      for (const p of ANALOGY_PRESETS) {
        expect(presets[p.id].label, `${locale} ${p.id}`).toBeTruthy();
        expect(presets[p.id].claim, `${locale} ${p.id}`).toBeTruthy();
      }
    }
  });

  it('are found by their expression, whatever its case', () => {
    expect(findPreset(' King - Man + Woman ')?.id).toBe('king');
    expect(findPreset('cat')).toMatchObject({ expect: 'dog', alsoExpect: ['kitten', 'pet'] });
    expect(findPreset('queen')).toBeUndefined();
  });
});
