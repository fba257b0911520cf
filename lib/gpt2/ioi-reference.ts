/**
 * Published reference points for GPT-2 small on indirect object identification (Wang et al. 2022,
 * "Interpretability in the Wild"). They describe openai-community/gpt2
 * only: on any other model (a random test model, distilgpt2, gpt2-medium) they are not results.
 */
export type IoiRole = 'name mover' | 'negative name mover' | 'S-inhibition' | 'duplicate token';

export interface ReferenceHead {
  layer: number;
  head: number;
  role: IoiRole;
}

export const IOI_REFERENCE = {
  model: 'GPT-2 small (openai-community/gpt2)',
  /** Mean logit difference IO − S over the IOI prompt distribution. */
  meanLogitDiff: 3.56,
  /** Share of prompts where IO beats S. */
  ioPreferred: 0.993,
  heads: [
    { layer: 9, head: 9, role: 'name mover' },
    { layer: 9, head: 6, role: 'name mover' },
    { layer: 10, head: 0, role: 'name mover' },
    { layer: 10, head: 7, role: 'negative name mover' },
    { layer: 11, head: 10, role: 'negative name mover' },
    { layer: 7, head: 3, role: 'S-inhibition' },
    { layer: 7, head: 9, role: 'S-inhibition' },
    { layer: 8, head: 6, role: 'S-inhibition' },
    { layer: 8, head: 10, role: 'S-inhibition' },
    { layer: 0, head: 1, role: 'duplicate token' },
    { layer: 0, head: 10, role: 'duplicate token' },
    { layer: 3, head: 0, role: 'duplicate token' },
  ] satisfies ReferenceHead[] as ReferenceHead[],
} as const;

/**
 * Whether the reference heads can be shown on a model: `apply` only for real GPT-2 small; `shape`
 * when the grid has GPT-2 small's 12 × 12 heads (so the cells exist, e.g. on the small-shaped
 * random test model, where they are positions only); neither otherwise.
 */
export function referenceHeadsStatus(model: { repo: string | null; random: boolean; config: { nLayer: number; nHead: number; nEmbd: number } }): 'apply' | 'shape' | 'none' {
  const { nLayer, nHead, nEmbd } = model.config;
  if (nLayer !== 12 || nHead !== 12 || nEmbd !== 768) return 'none';
  return !model.random && (model.repo === 'openai-community/gpt2' || model.repo === 'gpt2') ? 'apply' : 'shape';
}

export function referenceHead(layer: number, head: number): ReferenceHead | undefined {
  return IOI_REFERENCE.heads.find((h) => h.layer === layer && h.head === head);
}
