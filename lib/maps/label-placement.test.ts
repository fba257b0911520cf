import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { labelBox, LABEL_POSITIONS, overlaps, placeLabels, type LabelCandidate } from './label-placement';
import { labelOrder } from './label-order';

/** n candidates scattered over a w × h plot, with word-like widths. */
function scatter(n: number, w: number, h: number, seed: number): LabelCandidate[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, index) => ({ index, x: random() * w, y: random() * h, width: 20 + Math.floor(random() * 60), height: 13 }));
}

describe('placeLabels(candidates, options)', () => {
  const W = 600;
  const H = 400;
  const candidates = scatter(2000, W, H, 11);
  const placed = placeLabels(candidates, { width: W, height: H, gap: 4 });

  it('keeps no two labels whose boxes overlap, all inside the plot', () => {
    expect(placed.length).toBeGreaterThan(40);
    expect(placed.length).toBeLessThan(candidates.length / 2); // crowded: most are left out
    for (let a = 0; a < placed.length; a++) {
      const b = placed[a].box;
      expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W && b.y1 <= H).toBe(true);
      for (let c = a + 1; c < placed.length; c++) expect(overlaps(b, placed[c].box), `${placed[a].index} and ${placed[c].index}`).toBe(false);
    }
  });

  it('respects importance: a label is left out only where every position is off the plot or taken by a more important label', () => {
    const keptAt = new Map(placed.map((p, order) => [p.index, { p, order }]));
    candidates.forEach((c, rank) => {
      const kept = keptAt.get(c.index);
      const before = placed.filter((p) => candidates.findIndex((x) => x.index === p.index) < rank).map((p) => p.box);
      if (kept) {
        // Kept at the first position that was free of the labels before it.
        const first = LABEL_POSITIONS.find((pos) => {
          const b = labelBox(c, pos, 4);
          return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W && b.y1 <= H && !before.some((k) => overlaps(k, b));
        });
        expect(kept.p.position).toBe(first);
      } else {
        for (const pos of LABEL_POSITIONS) {
          const b = labelBox(c, pos, 4);
          const blocked = b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H || before.some((k) => overlaps(k, b));
          expect(blocked, `candidate ${c.index} at ${pos}`).toBe(true);
        }
      }
    });
  });

  it('the most important label always gets its first choice, whatever comes after it', () => {
    const crowd = scatter(500, 200, 200, 3).map((c, i) => ({ ...c, index: i + 1 }));
    const first: LabelCandidate = { index: 0, x: 100, y: 100, width: 60, height: 13 };
    const [top] = placeLabels([first, ...crowd], { width: 200, height: 200 });
    expect(top).toMatchObject({ index: 0, position: 'top' });
    // The same label last among the crowd loses its place.
    expect(placeLabels([...crowd, first], { width: 200, height: 200 }).some((p) => p.index === 0)).toBe(false);
  });

  it('uses a candidate\'s own gap (a larger marker) when it has one', () => {
    const [p] = placeLabels([{ index: 0, x: 100, y: 100, width: 20, height: 10, gap: 12 }], { width: 200, height: 200, gap: 4 });
    expect(p).toMatchObject({ position: 'top', gap: 12, box: { y0: 78, y1: 88 } });
  });

  it('keeps labels off the obstacles (highlighted points)', () => {
    const ring = { x0: 90, y0: 70, x1: 110, y1: 90 }; // right above the point: "top" is taken
    const [p] = placeLabels([{ index: 0, x: 100, y: 100, width: 20, height: 10 }], { width: 200, height: 200, gap: 4, obstacles: [ring] });
    expect(p.position).toBe('bottom');
    expect(overlaps(p.box, ring)).toBe(false);
  });

  it('skips points outside the plot (zoomed away) and stops at maxLabels', () => {
    const out = placeLabels(
      [
        { index: 0, x: -5, y: 50, width: 10, height: 10 },
        { index: 1, x: 50, y: 50, width: 10, height: 10 },
        { index: 2, x: 150, y: 150, width: 10, height: 10 },
      ],
      { width: 200, height: 200, maxLabels: 1 },
    );
    expect(out.map((p) => p.index)).toEqual([1]);
  });
});

describe('labelOrder(input)', () => {
  const rank = [50, 7, 3, 90, 1, 12, 60, 5]; // row ids: lower = more frequent

  it('selected, its neighbours, the centre, arrows, matches, the nearest, then by frequency', () => {
    const order = labelOrder({ n: 8, rank, selected: 6, highlighted: [3, 5], arrows: [7], matches: [1, 4], centred: true });
    expect(order.slice(0, 7)).toEqual([6, 3, 5, 0, 7, 4, 1]);
    expect(new Set(order).size).toBe(8);
    expect(order).toHaveLength(8);
  });

  it('without a centre, selection or search: most frequent first', () => {
    expect(labelOrder({ n: 8, rank, selected: -1, highlighted: [], arrows: [], matches: null, centred: false })).toEqual([4, 2, 7, 1, 5, 0, 6, 3]);
  });
});
