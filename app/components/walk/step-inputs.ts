/**
 * What the walk's GPT-2 steps feed the model — the context and layers pages' own examples, so a
 * step's link opens the page on exactly what the step ran — and every step's link.
 */
import { withBase } from '@/app/base-path';
import { IOI_REFERENCE } from '@/lib/gpt2/ioi-reference';
import type { Ablation } from '@/lib/gpt2/ablation';
import type { ModelParams } from '@/lib/gpt2/model-choice';
import { ARTICLE_ANALOGIES, BIAS_EXAMPLE, NEIGHBOURS_EXAMPLE } from '@/lib/walk/analogies';
import { analogyHref, contextHref, layersHref, pagePath, withLang } from '@/lib/walk/links';
import type { StepId } from '@/lib/walk/steps';
import { CONTEXT_PRESETS, type ContextPreset } from '../context/presets';
import { LAYERS_PRESETS, type LayersPreset } from '../layers/presets';

function contextPreset(id: string): ContextPreset {
  const p = CONTEXT_PRESETS.find((x) => x.id === id);
  // i18n-exempt: a programming error (a renamed example), never shown to readers
  if (!p) throw new Error(`app/components/context/presets.ts has no example "${id}" for the walk`);
  return p;
}

function layersPreset(id: string): LayersPreset {
  const p = LAYERS_PRESETS.find((x) => x.id === id);
  // i18n-exempt: a programming error (a renamed example), never shown to readers
  if (!p) throw new Error(`app/components/layers/presets.ts has no example "${id}" for the walk`);
  return p;
}

export const BANK = contextPreset('bank');
export const IOI = layersPreset('ioi');
export const CAPITAL = layersPreset('capital');
export const COFFEE = layersPreset('coffee');
export const BELIEFS = layersPreset('popcorn');

/** GPT-2 small's name-mover heads (Wang et al. 2022), switched off together; in order (9.6, 9.9, 10.0). */
export const NAME_MOVERS: Ablation = {
  heads: IOI_REFERENCE.heads
    .filter((h) => h.role === 'name mover')
    .map((h) => [h.layer, h.head] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]),
  mlps: [],
};

const STATIC = process.env.NEXT_PUBLIC_STATIC_BUILD === '1';
const page = (path: string) => withBase(pagePath(path, STATIC));

/** What a step's link carries beyond its example: the ablation the step applied, when it applied one, and the reader's language. */
export interface LinkExtras {
  ablation?: string;
  lang?: string;
}

/** The full page a step opens, with the step's state (and the walk's model parameters for GPT-2 pages), in the reader's language. */
export function stepHref(id: StepId, modelParams: ModelParams, extras: LinkExtras = {}): string {
  return withLang(pageHref(id, modelParams, extras), extras.lang);
}

function pageHref(id: StepId, modelParams: ModelParams, extras: LinkExtras): string {
  switch (id) {
    case 'cities':
      return `${page('/map')}?words=${encodeURIComponent(`neighbors:${NEIGHBOURS_EXAMPLE}:100`)}`;
    case 'neighbours':
      return analogyHref(page('/analogies'), NEIGHBOURS_EXAMPLE);
    case 'analogies':
      return analogyHref(page('/analogies'), ARTICLE_ANALOGIES[0]);
    case 'bias':
      return analogyHref(page('/analogies'), BIAS_EXAMPLE);
    case 'bank':
      return contextHref(page('/context'), BANK, modelParams);
    case 'ioi':
      return layersHref(page('/layers'), { prompt: IOI.prompt, tokens: IOI.tokens, ablation: extras.ablation }, modelParams);
    case 'capital':
      return layersHref(page('/layers'), { prompt: CAPITAL.prompt, tokens: CAPITAL.tokens, ablation: extras.ablation }, modelParams);
    case 'training':
      return layersHref(page('/layers'), COFFEE, modelParams);
    case 'beliefs':
      return layersHref(page('/layers'), BELIEFS, modelParams);
  }
}

/** The training page (the explanation's §6 at work on a small model), in the reader's language. */
export const trainHref = (lang?: string): string => withLang(page('/train'), lang);
