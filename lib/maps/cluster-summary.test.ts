import { describe, expect, it } from 'vitest';
import { describeClusters } from './cluster-summary';

/** A unit row at `angle` radians in the plane (2-D). */
const at = (angle: number) => [Math.cos(angle), Math.sin(angle)];

describe('describeClusters(unit, n, dims, assignment, k)', () => {
  // Cluster 0 spreads around 0 rad, cluster 1 around π/2; the words nearest each mean direction come first.
  const words = ['edge0', 'core0', 'mid0', 'core1', 'edge1', 'mid1'];
  const unit = new Float32Array([...at(0.5), ...at(0.02), ...at(-0.2), ...at(Math.PI / 2 + 0.01), ...at(Math.PI / 2 + 0.6), ...at(Math.PI / 2 - 0.3)]);
  const assignment = [0, 0, 0, 1, 1, 1];

  it('names each cluster by its words closest to the centroid, most central first', () => {
    const summaries = describeClusters(unit, 6, 2, assignment, 2, 2);
    expect(summaries).toEqual([
      { cluster: 0, size: 3, central: [1, 2] },
      { cluster: 1, size: 3, central: [3, 5] },
    ]);
    expect(summaries[0].central.map((i) => words[i])).toEqual(['core0', 'mid0']);
  });

  it('ranks by the centroid, not by the first or most frequent member', () => {
    const [first] = describeClusters(unit, 6, 2, assignment, 2, 1);
    expect(first.central).toEqual([1]); // not word 0, which comes first on the map
  });

  it('an empty cluster has size 0 and no central words', () => {
    const summaries = describeClusters(unit, 6, 2, assignment, 3);
    expect(summaries[2]).toEqual({ cluster: 2, size: 0, central: [] });
  });

  it('refuses assignments that do not fit the clusters or the words', () => {
    expect(() => describeClusters(unit, 6, 2, [0, 0, 0, 1, 1, 2], 2)).toThrow(/word 5 is in cluster 2, outside 0..1/);
    expect(() => describeClusters(unit, 6, 2, [0, 1], 2)).toThrow(/2 assignments for 6 words/);
  });
});
