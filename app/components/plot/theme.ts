/**
 * Plot colours that match the page: transparent paper and plot areas (the page's own background
 * shows through, white or near-black), text, grid and zero lines in the page's greys, and the
 * toolbar down the right side so it never sits on a title.
 */
import type { Layout } from 'plotly.js';

const SCHEMES = {
  light: { text: '#27272a', muted: '#52525b', grid: '#e4e4e7', zero: '#a1a1aa', hover: '#ffffff' },
  dark: { text: '#e4e4e7', muted: '#a1a1aa', grid: '#27272a', zero: '#52525b', hover: '#18181b' },
} as const;

type Axis = Partial<Layout['xaxis']>;

/** The chart's layout with the scheme's colours under its own settings (the chart's explicit choices win). */
export function themedLayout(layout: Partial<Layout> | undefined, dark: boolean): Partial<Layout> {
  const c = dark ? SCHEMES.dark : SCHEMES.light;
  const axis = (a: Axis | undefined): Axis => ({ gridcolor: c.grid, zerolinecolor: c.zero, linecolor: c.grid, tickcolor: c.grid, ...a });
  const base = layout ?? {};
  const title = typeof base.title === 'string' ? { text: base.title } : base.title;
  const themed: Partial<Layout> = {
    ...base,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: c.text, ...base.font },
    title: title ? { ...title, font: { color: c.text, size: 14, ...title.font }, x: title.x ?? 0.02, xanchor: title.xanchor ?? 'left' } : undefined,
    legend: { font: { color: c.text }, ...base.legend },
    hoverlabel: { bgcolor: c.hover, font: { color: c.text }, ...base.hoverlabel },
    modebar: { orientation: 'v', bgcolor: 'rgba(0,0,0,0)', color: c.muted, activecolor: c.text, ...base.modebar },
    xaxis: axis(base.xaxis),
    yaxis: axis(base.yaxis as Axis),
  };
  if (base.scene) {
    const scene = base.scene;
    const sceneAxis = (a: Record<string, unknown> | undefined) => ({ gridcolor: c.grid, zerolinecolor: c.zero, color: c.text, backgroundcolor: 'rgba(0,0,0,0)', ...a });
    themed.scene = { bgcolor: 'rgba(0,0,0,0)', ...scene, xaxis: sceneAxis(scene.xaxis as never), yaxis: sceneAxis(scene.yaxis as never), zaxis: sceneAxis(scene.zaxis as never) };
  }
  return themed;
}
