import { describe, expect, it } from 'vitest';
import { ablationMasks, formatAblation, isHeadAblated, NO_ABLATION, normaliseAblation, parseAblation, toggleHead, toggleMlp } from './ablation';

const SMALL = { nLayer: 12, nHead: 12 };
const TINY = { nLayer: 2, nHead: 4 };

describe('ablation URL form', () => {
  it('parses "9.9,9.6,mlp3" into sorted heads and MLPs and writes it back canonically', () => {
    const { ablation, rejected } = parseAblation('9.9,9.6,mlp3', SMALL);
    expect(rejected).toEqual([]);
    expect(ablation).toEqual({ heads: [[9, 6], [9, 9]], mlps: [3] });
    expect(formatAblation(ablation)).toBe('9.6,9.9,mlp3');
    expect(parseAblation(formatAblation(ablation), SMALL).ablation).toEqual(ablation);
    expect(formatAblation(NO_ABLATION)).toBe('');
    expect(parseAblation('', SMALL).ablation).toEqual(NO_ABLATION);
  });

  it('drops duplicates and spaces, and rejects entries outside the model or malformed, with the reason', () => {
    const { ablation, rejected } = parseAblation(' 1.3, 1.3 ,MLP1,9.9,mlp2,x,0.-1', TINY);
    expect(ablation).toEqual({ heads: [[1, 3]], mlps: [1] });
    expect(rejected).toEqual([
      '9.9 (this model has 2 layers × 4 heads, 0-based)',
      'mlp2 (this model has layers 0-1)',
      'x (write a head as layer.head, e.g. 9.9, and an MLP as mlp3)',
      '0.-1 (write a head as layer.head, e.g. 9.9, and an MLP as mlp3)',
    ]);
  });
});

describe('toggles and masks', () => {
  it('toggleHead and toggleMlp switch one entry and keep the order', () => {
    let a = toggleHead(NO_ABLATION, 1, 2);
    a = toggleHead(a, 0, 3);
    a = toggleMlp(a, 1);
    expect(a).toEqual({ heads: [[0, 3], [1, 2]], mlps: [1] });
    expect(isHeadAblated(a, 1, 2)).toBe(true);
    expect(isHeadAblated(a, 2, 1)).toBe(false);
    expect(toggleMlp(toggleHead(a, 1, 2), 1)).toEqual({ heads: [[0, 3]], mlps: [] });
  });

  it('ablationMasks puts zeros exactly at the ablated heads ([L, H] row-major) and MLPs', () => {
    const { headMask, mlpMask } = ablationMasks({ heads: [[1, 2], [0, 3]], mlps: [0] }, TINY);
    expect([...headMask]).toEqual([1, 1, 1, 0, 1, 1, 0, 1]);
    expect([...mlpMask]).toEqual([0, 1]);
    const none = ablationMasks(NO_ABLATION, SMALL);
    expect(none.headMask.length).toBe(144);
    expect(none.headMask.every((v) => v === 1) && none.mlpMask.every((v) => v === 1)).toBe(true);
  });

  it('refuses heads outside the model instead of writing past the mask', () => {
    expect(() => ablationMasks({ heads: [[2, 0]], mlps: [] }, TINY)).toThrow('head 2.0 is outside this model (2 layers × 4 heads, 0-based)');
    expect(() => normaliseAblation({ heads: [], mlps: [-1] }, TINY)).toThrow('MLP -1 is outside this model');
  });
});
