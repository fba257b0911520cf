'use client';
/**
 * The bank step's chart: mean cosine by layer for the same meaning, different meanings and the
 * baseline — a small SVG (a dozen points need no charting library), with its numbers in a table.
 */
import { useTranslations } from 'next-intl';
import { extent, type SenseSeries } from '@/lib/walk/sense-series';
import { useLayerNames } from '../gpt2/gpt2-text';
import { useWalkNumbers } from './use-walk-numbers';


const W = 360;
const H = 200;
const PAD = { left: 46, right: 10, top: 10, bottom: 30 };

const LINES = [
  { key: 'same', className: 'stroke-sky-700 dark:stroke-sky-400', dot: 'fill-sky-700 dark:fill-sky-400', dash: undefined },
  { key: 'different', className: 'stroke-orange-700 dark:stroke-orange-400', dot: 'fill-orange-700 dark:fill-orange-400', dash: undefined },
  { key: 'baseline', className: 'stroke-zinc-500', dot: 'fill-zinc-500', dash: '4 3' },
] as const;

export function SenseChart({ series }: { series: SenseSeries }) {
  const t = useTranslations('walk.chart');
  const layers = useLayerNames();
  const num = useWalkNumbers();
  const label = t('label');
  const n = series.same.length;
  const [lo, hi] = extent(series.same, series.different, series.baseline) ?? [0, 1];
  const pad = Math.max(0.02, (hi - lo) * 0.08);
  const y0 = lo - pad;
  const y1 = hi + pad;
  const x = (l: number) => PAD.left + (n > 1 ? l / (n - 1) : 0.5) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((y1 - v) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const ticks = [y0 + (y1 - y0) * 0.1, (y0 + y1) / 2, y1 - (y1 - y0) * 0.1];
  const every = Math.max(1, Math.ceil(n / 12));
  return (
    <div data-testid="walk-bank-chart" data-layers={n} className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full max-w-lg text-zinc-500 dark:text-zinc-400">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={PAD.left - 4} y={y(tick) + 3} textAnchor="end" fontSize={10} fill="currentColor">
              {num.fixed(tick, 2)}
            </text>
          </g>
        ))}
        {series.same.map((_, l) =>
          l % every === 0 || l === n - 1 ? (
            <text key={l} x={x(l)} y={H - PAD.bottom + 12} textAnchor="middle" fontSize={10} fill="currentColor">
              {l}
            </text>
          ) : null,
        )}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 3} textAnchor="middle" fontSize={10} fill="currentColor">
          {t('xAxis')}
        </text>
        <text x={10} y={(PAD.top + H - PAD.bottom) / 2} textAnchor="middle" fontSize={10} fill="currentColor" transform={`rotate(-90 10 ${(PAD.top + H - PAD.bottom) / 2})`}>
          {t('yAxis')}
        </text>
        {series.peakLayer !== null && <line x1={x(series.peakLayer)} x2={x(series.peakLayer)} y1={PAD.top} y2={H - PAD.bottom} className="stroke-zinc-300 dark:stroke-zinc-700" />}
        {LINES.map((line) => {
          const values = series[line.key];
          const points = values.flatMap((v, l) => (v === null ? [] : [[x(l), y(v)] as const]));
          return (
            <g key={line.key}>
              <polyline points={points.map(([px, py]) => `${px},${py}`).join(' ')} fill="none" strokeWidth={2} strokeDasharray={line.dash} className={line.className} />
              {points.map(([px, py], i) => (
                <circle key={i} cx={px} cy={py} r={2.5} className={line.dot} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 text-xs" aria-hidden>
        {LINES.map((line) => (
          <li key={line.key} className="flex items-center gap-1">
            <svg width="18" height="6" aria-hidden>
              <line x1="0" x2="18" y1="3" y2="3" strokeWidth={2} strokeDasharray={line.dash} className={line.className} />
            </svg>
            {t(line.key)}
          </li>
        ))}
      </ul>
      <details className="text-xs">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{t('numbers')}</summary>
        <table className="mt-1 w-full tabular-nums">
          <thead>
            <tr className="text-left text-zinc-500">
              <th scope="col" className="font-normal">
                {t('layer')}
              </th>
              {LINES.map((line) => (
                <th key={line.key} scope="col" className="text-right font-normal">
                  {t(line.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.same.map((_, l) => (
              <tr key={l} className="border-t border-zinc-100 dark:border-zinc-800">
                <td>{t('layerValue', { layer: l, name: layers.name(l) })}</td>
                {LINES.map((line) => (
                  <td key={line.key} className="text-right">
                    {num.maybe(series[line.key][l], 3)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
