import { describe, expect, it } from 'vitest';
import { IOI_REFERENCE, referenceHead, referenceHeadsStatus } from './ioi-reference';

const SMALL = { nLayer: 12, nHead: 12, nEmbd: 768 };

describe('IOI reference heads', () => {
  it('lists the published heads, each once, inside GPT-2 small', () => {
    const names = (role: string) => IOI_REFERENCE.heads.filter((h) => h.role === role).map((h) => `${h.layer}.${h.head}`);
    expect(names('name mover')).toEqual(['9.9', '9.6', '10.0']);
    expect(names('negative name mover')).toEqual(['10.7', '11.10']);
    expect(names('S-inhibition')).toEqual(['7.3', '7.9', '8.6', '8.10']);
    expect(names('duplicate token')).toEqual(['0.1', '0.10', '3.0']);
    expect(new Set(IOI_REFERENCE.heads.map((h) => `${h.layer}.${h.head}`)).size).toBe(12);
    expect(IOI_REFERENCE.heads.every((h) => h.layer < 12 && h.head < 12)).toBe(true);
    expect(referenceHead(9, 9)?.role).toBe('name mover');
    expect(referenceHead(9, 8)).toBeUndefined();
  });

  it('apply only to real GPT-2 small; a 12 × 12 random model gets positions only; other shapes none', () => {
    expect(referenceHeadsStatus({ repo: 'openai-community/gpt2', random: false, config: SMALL })).toBe('apply');
    expect(referenceHeadsStatus({ repo: 'gpt2', random: false, config: SMALL })).toBe('apply');
    // A fine-tune has GPT-2 small's shape but not its heads' published roles.
    expect(referenceHeadsStatus({ repo: 'someone/gpt2-finetuned', random: false, config: SMALL })).toBe('shape');
    expect(referenceHeadsStatus({ repo: null, random: true, config: SMALL })).toBe('shape');
    expect(referenceHeadsStatus({ repo: 'openai-community/gpt2', random: true, config: SMALL })).toBe('shape');
    expect(referenceHeadsStatus({ repo: null, random: true, config: { nLayer: 2, nHead: 4, nEmbd: 64 } })).toBe('none');
    expect(referenceHeadsStatus({ repo: 'distilbert/distilgpt2', random: false, config: { nLayer: 6, nHead: 12, nEmbd: 768 } })).toBe('none');
    expect(referenceHeadsStatus({ repo: 'openai-community/gpt2-medium', random: false, config: { nLayer: 24, nHead: 16, nEmbd: 1024 } })).toBe('none');
  });
});
