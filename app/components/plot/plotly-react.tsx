'use client';
/**
 * The react-plotly.js component bound to our bundle (loaded only in the browser, see plot.tsx),
 * with what every chart of the app shares: a toolbar with only what helps here (zoom, pan, reset,
 * download as PNG or SVG — nothing that sends data to Plotly's cloud), placed down the right side
 * so it never covers a title, and colours that follow the page's light or dark scheme.
 */
import type { Config, Layout } from 'plotly.js';
import type { ComponentProps } from 'react';
import { useDarkScheme } from '@/app/hooks/use-dark-scheme';
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './plotly-bundle';
import { themedLayout } from './theme';

const PlotlyComponent = createPlotlyComponent(Plotly);

/** The "download as SVG" button (Plotly's own camera button saves PNG). */
const DOWNLOAD_SVG = {
  name: 'download-svg',
  title: 'Download plot as SVG',
  icon: { width: 1000, height: 1000, path: 'M500 50 L500 650 M300 450 L500 650 L700 450 M150 800 L150 950 L850 950 L850 800', transform: '' },
  click: (gd: HTMLElement) => void Plotly.downloadImage(gd as never, { format: 'svg', filename: 'plot', width: gd.clientWidth, height: gd.clientHeight }),
};

export const BASE_CONFIG = {
  displaylogo: false,
  responsive: true,
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
  modeBarButtonsToRemove: ['sendDataToCloud', 'editInChartStudio', 'select2d', 'lasso2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'] as Config['modeBarButtonsToRemove'],
  modeBarButtonsToAdd: [DOWNLOAD_SVG as never],
  toImageButtonOptions: { format: 'png', filename: 'plot', scale: 2 },
} as Partial<Config>;

type Props = ComponentProps<typeof PlotlyComponent>;

export default function ThemedPlot({ layout, config, ...props }: Props) {
  const dark = useDarkScheme();
  return <PlotlyComponent {...props} layout={themedLayout(layout as Partial<Layout>, dark)} config={{ ...BASE_CONFIG, ...(config as Partial<Config> | undefined) }} />;
}
