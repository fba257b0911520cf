import { describe, expect, it } from 'vitest';
import { layerLabel, layerName } from './layer-names';

describe('layer names', () => {
  it('count blocks from 0, as head names do: layer l is the output of block l − 1', () => {
    expect(layerName(0)).toBe('embeddings');
    expect(layerName(1)).toBe('after block 0');
    expect(layerName(12)).toBe('after block 11');
    expect(layerLabel(3)).toBe('layer 3 (after block 2)');
  });
});
