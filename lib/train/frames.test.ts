import { describe, expect, it } from 'vitest';
import { Mulberry32 } from './rng';
import { projectFrames } from './frames';

describe('projectFrames', () => {
  const rng = new Mulberry32(5);
  const n = 6;
  const dims = 5;
  const frame = () => Float32Array.from({ length: n * dims }, () => rng.next() / 2 ** 32 - 0.5);

  it('uses one projection for every frame: the same vectors land on the same points in any frame', () => {
    const a = frame();
    const b = frame();
    const { frames } = projectFrames([a, b, a], n, dims, 1);
    expect(frames[2]).toEqual(frames[0]);
    expect(frames[0]).not.toEqual(frames[1]);
  });

  it('a frame is unchanged by scaling its vectors (only directions count) and the reference is centred', () => {
    const a = frame();
    const { frames, explained } = projectFrames([a, a.map((x) => 3 * x)], n, dims);
    frames[0].forEach((x, i) => expect(x).toBeCloseTo(frames[1][i], 6));
    const meanX = frames[1].filter((_, i) => i % 2 === 0).reduce((s, x) => s + x, 0) / n;
    expect(meanX).toBeCloseTo(0, 6);
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-9);
  });
});
