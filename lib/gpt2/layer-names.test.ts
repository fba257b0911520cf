import { describe, expect, it } from 'vitest';
import { blockBefore, layerLabel, layerName } from './layer-names';

describe('layer names', () => {
  it('count blocks from 0, as head names do: layer l is the output of block l − 1', () => {
    expect(layerName(0)).toBe('embeddings');
    expect(layerName(1)).toBe('after block 0');
    expect(layerName(12)).toBe('after block 11');
    expect(layerLabel(3)).toBe('layer 3 (after block 2)');
  });

  it('blockBefore(layer) is null for the embeddings and layer − 1 after', () => {
    expect(blockBefore(0)).toBeNull();
    expect(blockBefore(1)).toBe(0);
    expect(blockBefore(12)).toBe(11);
  });
});
