import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { PAIR_SETS } from './analogy-overlay';
import { DEFAULT_STATE, searchFromState, stateFromSearch } from './map-state';
import { isPresetView, MAP_PRESETS, presetState } from './presets';

describe('the map presets and analogy arrows, in words', () => {
  it('each preset has its label (and its note, when it has one) in both languages, and each arrow set its name', () => {
    for (const locale of ['en', 'zh'] as const) {
      const map = MESSAGES[locale].map as { presets: Record<string, { label: string; note?: string }>; pairSets: Record<string, string> };
      expect(Object.keys(map.presets).sort(), locale).toEqual(MAP_PRESETS.map((p) => p.id).sort());
      for (const p of MAP_PRESETS) {
        expect(map.presets[p.id].label, `${locale} ${p.id}`).toBeTruthy();
        expect(map.presets[p.id].note !== undefined, `${locale} ${p.id} note`).toBe(p.note === true);
      }
      expect(Object.keys(map.pairSets).sort(), locale).toEqual(PAIR_SETS.map((p) => p.id).sort());
    }
  });
});

describe('presetState(preset, current)', () => {
  const current = { ...DEFAULT_STATE, set: 'mine', selected: 'queen', search: 'k', camera: '1,2,3', neighbours: 20 };

  it('shows the preset on the vector set already open, with no selection or search carried over', () => {
    for (const preset of MAP_PRESETS) {
      const s = presetState(preset, current);
      expect(s.set).toBe('mine');
      expect(s).toMatchObject({ selected: '', search: '', camera: '', neighbours: 20 });
      expect(isPresetView(s, preset)).toBe(true);
      expect(MAP_PRESETS.filter((p) => isPresetView(s, p)).map((p) => p.id)).toEqual([preset.id]);
    }
  });

  it('its URL reproduces it', () => {
    const s = presetState(MAP_PRESETS[1], current);
    expect(stateFromSearch(Object.fromEntries(new URLSearchParams(searchFromState(s))), ['glove-6b-100d', 'mine'])).toEqual(s);
  });
});

describe('map state: the number of neighbours highlighted', () => {
  it('reads nk from 1 to 50 and writes it only when it is not the default 10', () => {
    expect(stateFromSearch({ nk: '5' }, []).neighbours).toBe(5);
    for (const bad of ['0', '51', '2.5', 'x']) expect(stateFromSearch({ nk: bad }, []).neighbours).toBe(10);
    expect(searchFromState({ ...DEFAULT_STATE, neighbours: 5 })).toBe('?nk=5');
    expect(searchFromState(DEFAULT_STATE)).toBe('');
  });
});
