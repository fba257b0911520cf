'use client';
/**
 * <Plot>: a client-only plotly chart. plotly touches `window` at import time, so it is loaded with
 * next/dynamic and ssr: false; the server renders a placeholder of the same size. Props are those
 * of react-plotly.js (data, layout, config, onClick, onHover, onRelayout, style...).
 *
 * `needsWebGL` (scattergl, scatter3d) checks for a WebGL context first and shows a clear message
 * instead of a blank chart when there is none.
 */
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useEffect, useState, type ComponentProps } from 'react';
import { hasWebGL } from './webgl';

const loadPlotly = () => import('./plotly-react');

/**
 * Starts loading plotly (a few MB of script, evaluated in one go) before the first chart is due,
 * e.g. while the data loads, so that evaluating it does not hold the UI thread when the chart appears.
 */
export function preloadPlotly(): void {
  void loadPlotly();
}

const PlotlyComponent = dynamic(loadPlotly, {
  ssr: false,
  loading: () => <PlotPlaceholder textKey="loading" />,
});

type PlotProps = ComponentProps<typeof PlotlyComponent> & { needsWebGL?: boolean; height?: number };

export function Plot({ needsWebGL = false, height = 480, style, ...props }: PlotProps) {
  const t = useTranslations('site.plot');
  const [webgl, setWebgl] = useState<boolean | null>(needsWebGL ? null : true);
  useEffect(() => {
    if (needsWebGL) setWebgl(hasWebGL());
  }, [needsWebGL]);

  if (webgl === null) return <PlotPlaceholder textKey="checkingWebgl" height={height} />;
  if (!webgl) {
    return (
      <div role="alert" className="flex items-center justify-center rounded border border-amber-400 bg-amber-50 p-6 text-sm dark:bg-amber-950" style={{ height }}>
        <p>{t('noWebgl')}</p>
      </div>
    );
  }
  return <PlotlyComponent useResizeHandler style={{ width: '100%', height, ...style }} {...props} />;
}

function PlotPlaceholder({ textKey, height = 480 }: { textKey: 'loading' | 'checkingWebgl'; height?: number }) {
  const t = useTranslations('site.plot');
  return (
    <div className="flex items-center justify-center rounded border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700" style={{ height }}>
      {t(textKey)}
    </div>
  );
}
