'use client';
/**
 * A log-log chart in plain SVG for the data-size experiment: a few series of points (a line
 * through the corpus points, a lone marker for GloVe), ticks at powers of ten, a legend below.
 * No charting library: the page's main thread stays free while the experiment trains.
 */
import { memo } from 'react';

export interface LogSeries {
  name: string;
  x: number[];
  y: number[];
  /** Draw a line through the points (else markers only). */
  line: boolean;
  /** A hover label per point. */
  text: string[];
}

const W = 600;
const H = 300;
const M = { l: 64, r: 16, t: 12, b: 48 };
const SMALL = 'text-[18px] sm:text-[11px]';
const COLOURS = ['fill-sky-600 stroke-sky-600 dark:fill-sky-400 dark:stroke-sky-400', 'fill-amber-600 stroke-amber-600 dark:fill-amber-400 dark:stroke-amber-400'];

/** The decades covering [lo, hi] (lo > 0), one below and one above when lo = hi. */
function decades(lo: number, hi: number): [number, number] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  return b > a ? [a, b] : [a - 1, b + 1];
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 10^power as a tick label: 0.001 … 1000 in full, 10⁴ and beyond as a power. */
const label = (power: number) => (power >= -3 && power <= 3 ? String(Number((10 ** power).toPrecision(1))) : `10${String(power).replace('-', '⁻').replace(/\d/g, (d) => SUPERSCRIPT[Number(d)])}`);

export const LogChart = memo(function LogChart({ series, title, xTitle, yTitle, testId }: { series: LogSeries[]; title: string; xTitle: string; yTitle: string; testId?: string }) {
  const xs = series.flatMap((s) => s.x).filter((v) => v > 0);
  const ys = series.flatMap((s) => s.y).filter((v) => v > 0);
  if (xs.length === 0) return null;
  const [x0, x1] = decades(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = decades(Math.min(...ys), Math.max(...ys));
  const sx = (v: number) => M.l + ((W - M.l - M.r) * (Math.log10(v) - x0)) / (x1 - x0);
  const sy = (v: number) => H - M.b - ((H - M.t - M.b) * (Math.log10(v) - y0)) / (y1 - y0);
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  return (
    <figure data-testid={testId} className="min-w-0">
      <figcaption className="pl-2 text-xs text-zinc-700 sm:pl-[10%] dark:text-zinc-300">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full text-zinc-700 dark:text-zinc-300" role="img" aria-label={title}>
        {range(y0, y1).map((p) => (
          <g key={`y${p}`}>
            <line x1={M.l} x2={W - M.r} y1={sy(10 ** p)} y2={sy(10 ** p)} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={M.l - 6} y={sy(10 ** p) + 5} textAnchor="end" className={`fill-current tabular-nums ${SMALL}`}>
              {label(p)}
            </text>
          </g>
        ))}
        {range(x0, x1).map((p) => (
          <g key={`x${p}`}>
            <line x1={sx(10 ** p)} x2={sx(10 ** p)} y1={M.t} y2={H - M.b} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={sx(10 ** p)} y={H - M.b + 20} textAnchor="middle" className={`fill-current tabular-nums ${SMALL}`}>
              {label(p)}
            </text>
          </g>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className={`fill-current ${SMALL}`}>
          {xTitle}
        </text>
        <text transform={`translate(16 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle" className={`fill-current ${SMALL}`}>
          {yTitle}
        </text>
        {series.map((s, k) => (
          <g key={s.name} className={COLOURS[k % COLOURS.length]}>
            {s.line && <polyline points={s.x.map((v, i) => `${sx(v)},${sy(s.y[i])}`).join(' ')} fill="none" strokeWidth={2} />}
            {s.x.map((v, i) => (
              <circle key={i} cx={sx(v)} cy={sy(s.y[i])} r={5}>
                <title>{s.text[i]}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      {series.length > 1 && (
        <ul className="flex flex-wrap justify-center gap-x-4 text-xs text-zinc-700 dark:text-zinc-300">
          {series.map((s, k) => (
            <li key={s.name} className="flex items-center gap-1">
              <svg width="10" height="10" aria-hidden className={COLOURS[k % COLOURS.length]}>
                <circle cx="5" cy="5" r="4" />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
});
