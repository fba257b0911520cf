'use client';
/**
 * The react-plotly.js component bound to our bundle (loaded only in the browser, see plot.tsx),
 * with what every chart of the app shares: a toolbar with only what helps here (zoom, pan, reset,
 * download as PNG or SVG — nothing that sends data to Plotly's cloud), placed down the right side
 * so it never covers a title, colours that follow the page's light or dark scheme, and the
 * toolbar's tooltips in the reader's language.
 */
import { useLocale, useTranslations } from 'next-intl';
import type { Config, Layout } from 'plotly.js';
import { useMemo, type ComponentProps } from 'react';
import { useDarkScheme } from '@/app/hooks/use-dark-scheme';
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './plotly-bundle';
import { themedLayout } from './theme';

const PlotlyComponent = createPlotlyComponent(Plotly);

/** The "download as SVG" button (Plotly's own camera button saves PNG), with its tooltip. */
const downloadSvg = (title: string) => ({
  name: 'download-svg',
  title,
  icon: { width: 1000, height: 1000, path: 'M500 50 L500 650 M300 450 L500 650 L700 450 M150 800 L150 950 L850 950 L850 800', transform: '' },
  click: (gd: HTMLElement) => void Plotly.downloadImage(gd as never, { format: 'svg', filename: 'plot', width: gd.clientWidth, height: gd.clientHeight }),
});

/** Plotly's name of each app language (its dictionaries are registered in plotly-bundle.ts). */
const PLOTLY_LOCALE: Record<string, string> = { en: 'en', zh: 'zh-CN' };

export const BASE_CONFIG = {
  displaylogo: false,
  responsive: true,
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
  modeBarButtonsToRemove: ['sendDataToCloud', 'editInChartStudio', 'select2d', 'lasso2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'] as Config['modeBarButtonsToRemove'],
  toImageButtonOptions: { format: 'png', filename: 'plot', scale: 2 },
} as Partial<Config>;

type Props = ComponentProps<typeof PlotlyComponent>;

export default function ThemedPlot({ layout, config, ...props }: Props) {
  const dark = useDarkScheme();
  const locale = useLocale();
  const t = useTranslations('site.plot');
  const svgTitle = t('downloadSvg');
  const localized = useMemo(() => ({ locale: PLOTLY_LOCALE[locale] ?? 'en', modeBarButtonsToAdd: [downloadSvg(svgTitle) as never] }), [locale, svgTitle]);
  return <PlotlyComponent {...props} layout={themedLayout(layout as Partial<Layout>, dark)} config={{ ...BASE_CONFIG, ...localized, ...(config as Partial<Config> | undefined) }} />;
}
