'use client';
/**
 * Step 1: the article's four cities as points drawn from their two numbers. Pick two: their
 * distance in numbers and on the ground; the table shows that both order the pairs the same way.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { CITIES, cityById, cityPairs, groundKm, numberDistance, type City } from '@/lib/walk/cities';
import { useWalkNumbers } from './use-walk-numbers';


/** The plot's frame, in SVG units. */
const W = 360;
const H = 190;
const PAD = { left: 40, right: 16, top: 14, bottom: 34 };
/** What the axes cover: degrees west (left is more west) and degrees north. */
const WEST = { max: 85, min: -10 };
const NORTH = { min: 34, max: 56 };

const x = (west: number) => PAD.left + ((WEST.max - west) / (WEST.max - WEST.min)) * (W - PAD.left - PAD.right);
const y = (north: number) => PAD.top + ((NORTH.max - north) / (NORTH.max - NORTH.min)) * (H - PAD.top - PAD.bottom);
/** Kilometres to the nearest ten: the haversine on a round Earth is no closer than that. */
const roundKm = (km: number) => Math.round(km / 10) * 10;

/** A city's name and its numbers, in the reader's language and locale. */
function useCityText() {
  const t = useTranslations('walk.cities');
  const n = useWalkNumbers();
  return { t, n, name: (c: City) => t(`names.${c.id}`), coordinate: (v: number) => n.fixed(v, v % 1 === 0 ? 0 : 1), km: (km: number) => n.int(roundKm(km)) };
}

export function CitiesWidget() {
  const { t, n, name, coordinate, km } = useCityText();
  const [a, setA] = useState('washington');
  const [b, setB] = useState('new-york');
  const ca = cityById(a);
  const cb = cityById(b);
  useEffect(() => {
    if (performance.getEntriesByName('walk:cities').length === 0) performance.mark('walk:cities'); // read by the walk's first-answer measurement
  }, []);
  return (
    <div data-testid="walk-cities" className="space-y-3 text-sm">
      <CityPlot a={ca} b={cb} />
      <div className="flex flex-wrap items-center gap-2">
        <CitySelect label={t('from')} value={a} onChange={setA} testId="walk-city-a" />
        <CitySelect label={t('to')} value={b} onChange={setB} testId="walk-city-b" />
      </div>
      <p aria-live="polite" data-testid="walk-cities-result" data-numbers={numberDistance(ca, cb).toFixed(2)} data-km={Math.round(groundKm(ca, cb))}>
        {a === b
          ? t('same')
          : t('result', {
              a: name(ca),
              aNorth: coordinate(ca.north),
              aWest: coordinate(ca.west),
              b: name(cb),
              bNorth: coordinate(cb.north),
              bWest: coordinate(cb.west),
              numbers: n.fixed(numberDistance(ca, cb), 1),
              km: km(groundKm(ca, cb)),
            })}
      </p>
      <PairsTable />
    </div>
  );
}

function CitySelect({ label, value, onChange, testId }: { label: string; value: string; onChange: (id: string) => void; testId: string }) {
  const { name } = useCityText();
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {CITIES.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c)}
          </option>
        ))}
      </select>
    </>
  );
}

function CityPlot({ a, b }: { a: City; b: City }) {
  const { t, name } = useCityText();
  const label = t('chart');
  const westTicks = [80, 60, 40, 20, 0];
  const northTicks = [40, 50];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full max-w-md text-zinc-500 dark:text-zinc-400">
      <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} className="fill-zinc-50 dark:fill-zinc-900" />
      {westTicks.map((tick) => (
        <g key={`w${tick}`}>
          <line x1={x(tick)} x2={x(tick)} y1={PAD.top} y2={H - PAD.bottom} className="stroke-zinc-200 dark:stroke-zinc-800" />
          <text x={x(tick)} y={H - PAD.bottom + 12} textAnchor="middle" fontSize={10} fill="currentColor">
            {t('tick', { value: tick })}
          </text>
        </g>
      ))}
      {northTicks.map((tick) => (
        <g key={`n${tick}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-zinc-200 dark:stroke-zinc-800" />
          <text x={PAD.left - 4} y={y(tick) + 3} textAnchor="end" fontSize={10} fill="currentColor">
            {t('tick', { value: tick })}
          </text>
        </g>
      ))}
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" fontSize={10} fill="currentColor">
        {t('xAxis')}
      </text>
      <text x={10} y={(PAD.top + H - PAD.bottom) / 2} textAnchor="middle" fontSize={10} fill="currentColor" transform={`rotate(-90 10 ${(PAD.top + H - PAD.bottom) / 2})`}>
        {t('yAxis')}
      </text>
      {a.id !== b.id && <line x1={x(a.west)} y1={y(a.north)} x2={x(b.west)} y2={y(b.north)} strokeWidth={2} className="stroke-sky-600 dark:stroke-sky-400" />}
      {CITIES.map((c) => {
        const chosen = c.id === a.id || c.id === b.id;
        const right = c.west > 30; // American labels to the right, European ones to the left (inside the frame)
        return (
          <g key={c.id}>
            <circle cx={x(c.west)} cy={y(c.north)} r={chosen ? 5 : 4} className={chosen ? 'fill-sky-600 dark:fill-sky-400' : 'fill-zinc-500'} />
            <text
              x={x(c.west) + (right ? 8 : -8)}
              y={y(c.north) + (c.id === 'new-york' || c.id === 'london' ? -6 : 12)}
              textAnchor={right ? 'start' : 'end'}
              fontSize={11}
              className={chosen ? 'fill-zinc-900 font-semibold dark:fill-zinc-100' : 'fill-zinc-600 dark:fill-zinc-400'}
            >
              {name(c)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function PairsTable() {
  const { t, n, name, km } = useCityText();
  return (
    <table className="w-full text-xs">
      <caption className="mb-1 text-left text-zinc-600 dark:text-zinc-400">{t('tableCaption')}</caption>
      <thead>
        <tr className="text-left text-zinc-500">
          <th scope="col" className="font-normal">
            {t('pair')}
          </th>
          <th scope="col" className="text-right font-normal">
            {t('numbers')}
          </th>
          <th scope="col" className="text-right font-normal">
            {t('km')}
          </th>
        </tr>
      </thead>
      <tbody>
        {cityPairs().map((p) => (
          <tr key={`${p.a.id}-${p.b.id}`} data-testid="walk-city-pair" className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="py-0.5">{t('pairValue', { a: name(p.a), b: name(p.b) })}</td>
            <td className="text-right tabular-nums">{n.fixed(p.numbers, 1)}</td>
            <td className="text-right tabular-nums">{t('kmValue', { km: km(p.km) })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
