'use client';
/**
 * A plain SVG line chart for figures that change several times a second while a model trains.
 * Redrawing it is a few DOM attributes, so the page's main thread never stalls on a chart (a
 * plotly redraw of an SVG plot costs tens of milliseconds, more on a busy machine).
 */
import { memo } from 'react';

const W = 600;
const M = { l: 60, r: 14, t: 12, b: 44 };
/** Text sizes in the 600-unit-wide drawing: larger on a phone, where the drawing is shrunk to ~350 px. */
const SMALL = 'text-[18px] sm:text-[11px]';

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export const LiveChart = memo(function LiveChart({
  x,
  y,
  title,
  xTitle,
  yTitle,
  xMax,
  height = 240,
  markers = false,
  testId,
}: {
  x: number[];
  y: number[];
  title: string;
  xTitle: string;
  yTitle: string;
  /** Right end of the x axis (e.g. the number of epochs), so the line grows into a fixed frame. */
  xMax: number;
  height?: number;
  markers?: boolean;
  testId?: string;
}) {
  const H = height;
  const finite = y.filter(Number.isFinite);
  const yLo = finite.length ? Math.min(0, ...finite) : 0;
  const yHi = finite.length ? Math.max(...finite) * 1.05 || 1 : 1;
  const xTicks = niceTicks(0, xMax, 6);
  const yTicks = niceTicks(yLo, yHi, 4);
  const top = Math.max(yHi, yTicks[yTicks.length - 1] ?? yHi);
  const sx = (v: number) => M.l + ((W - M.l - M.r) * v) / (xMax || 1);
  const sy = (v: number) => H - M.b - ((H - M.t - M.b) * (v - yLo)) / (top - yLo || 1);
  const points = x.map((v, i) => [sx(v), sy(y[i])] as const).filter(([, py]) => Number.isFinite(py));
  return (
    <figure data-testid={testId} data-points={points.length} className="min-w-0">
      <figcaption className="pl-2 text-xs text-zinc-700 sm:pl-[10%] dark:text-zinc-300">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full text-zinc-700 dark:text-zinc-300" role="img" aria-label={title}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.l} x2={W - M.r} y1={sy(t)} y2={sy(t)} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={M.l - 6} y={sy(t) + 4} textAnchor="end" className={`fill-current tabular-nums ${SMALL}`}>
              {t}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - M.b + 18} textAnchor="middle" className={`fill-current tabular-nums ${SMALL}`}>
            {t}
          </text>
        ))}
        <line x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} className="stroke-zinc-400 dark:stroke-zinc-600" />
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className={`fill-current ${SMALL}`}>
          {xTitle}
        </text>
        <text transform={`translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle" className={`fill-current ${SMALL}`}>
          {yTitle}
        </text>
        <polyline points={points.map((p) => p.join(',')).join(' ')} fill="none" strokeWidth={2} className="stroke-sky-600 dark:stroke-sky-400" />
        {markers && points.map(([px, py], i) => <circle key={i} cx={px} cy={py} r={3} className="fill-sky-600 dark:fill-sky-400" />)}
      </svg>
    </figure>
  );
});
