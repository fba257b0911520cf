'use client';
/** What the current map is and how much to trust it: size, time, variance shown, neighbour preservation. */
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, type ReactNode } from 'react';
import { Term } from '../term';
import type { MapAxis, MapResult } from '@/lib/maps/compute-map';
import { parseWordSource } from '@/lib/maps/word-source';

/** What a map's word source shows, in words ("king and its nearest neighbours (500 words)"); its text form if it does not parse. */
export function useSourceText(): (source: string) => string {
  const t = useTranslations('map.source');
  const common = useTranslations('common');
  return (text) => {
    try {
      const source = parseWordSource(text);
      switch (source.kind) {
        case 'neighbors':
          return t('neighbors', { query: source.query, count: source.n });
        case 'top':
          return t('top', { count: source.n });
        case 'list':
          return t('list', { count: source.words.length });
        case 'groups':
          return t('groups', { count: source.groups.length, names: source.groups.map((g) => g.name).join(common('separator')) });
      }
    } catch {
      return text;
    }
  };
}

/** An axis of a map in the reader's words: "UMAP 1", "PC 1 (12.3%)", "he → she". */
export function useAxisText(): (axis: MapAxis) => string {
  const t = useTranslations('map.axis');
  const format = useFormatter();
  return useCallback(
    (axis: MapAxis) => {
      const share = (e: number) => format.number(e, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
      switch (axis.kind) {
        case 'umap':
          return t('umap', { n: axis.n });
        case 'pc':
          return t('pc', { n: axis.n, share: share(axis.explained) });
        case 'pair':
          return t(axis.orthogonal ? 'pairOrthogonal' : 'pair', { from: axis.from, to: axis.to });
        case 'restPc':
          return t('restPc', { n: axis.n, share: share(axis.explained) });
      }
    },
    [t, format],
  );
}

const AXIS_NAMES = ['x', 'y', 'z'];

/** `source`: what the map shows, in words ("king and its nearest neighbours (500 words)"). */
export function MapInfo({ map, source }: { map: MapResult; source: string }) {
  const t = useTranslations('map.info');
  const common = useTranslations('common');
  const format = useFormatter();
  const axisText = useAxisText();
  const n = map.words.length;
  const trivial = n <= 11; // with ≤ 11 words every word's 10 "nearest" are all the others
  const percent = (share: number) => format.number(share, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <section data-testid="map-info" aria-label={t('label')} className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <p data-testid="map-source" className="font-medium">
        {source}
      </p>
      <p>
        {t.rich('summary', {
          count: n,
          method: map.method === 'axes' ? t('axesMethod') : map.method.toUpperCase(),
          dims: map.dims,
          seconds: map.seconds.toFixed(2),
          n: (c: ReactNode) => <strong data-testid="map-count">{c}</strong>,
        })}
      </p>
      <p title={t('preservationTitle')}>
        {t.rich('preservation', { term: (c: ReactNode) => <Term id="preservation">{c}</Term> })}{' '}
        <strong data-testid="preservation">{trivial ? t('notApplicable') : percent(map.preservation10)}</strong>
        <span className="block text-xs text-zinc-500">
          {trivial ? t('tooFew') : map.qualitySample < n ? t('preservationSampled', { sample: map.qualitySample, count: n }) : t('preservationText')}
        </span>
      </p>
      <ul className="text-xs text-zinc-600 dark:text-zinc-400">
        {map.axes.map((axis, i) => (
          <li key={i}>
            {AXIS_NAMES[i]}: {axisText(axis)}
          </li>
        ))}
      </ul>
      {map.explained && map.method === 'pca' && (
        <p className="text-xs text-zinc-500">{t('variance', { dims: map.dims, share: percent(map.explained.reduce((a, b) => a + b, 0)) })}</p>
      )}
      {map.nNeighbors !== undefined && <p className="text-xs text-zinc-500">{t('umap', { neighbours: map.nNeighbors, epochs: map.nEpochs ?? 0 })}</p>}
      {map.missing.length > 0 && (
        <p data-testid="map-missing" className="text-xs text-amber-700 dark:text-amber-400">
          {t('missing', { words: map.missing.join(common('separator')) })}
        </p>
      )}
    </section>
  );
}
