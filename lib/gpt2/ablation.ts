/**
 * Ablations as the graph's mask inputs: a set of switched-off attention heads and MLP blocks
 * becomes `head_mask` [L, H] and `mlp_mask` [L] (1 = on, 0 = off), and travels in the URL as
 * `ablate=9.9,9.6,mlp3` (layer.head, 0-based; mlpN = block N's MLP).
 */
import type { Gpt2Config } from './weights';

export interface Ablation {
  /** [layer, head] pairs, sorted, no duplicates. */
  heads: [number, number][];
  /** Layers whose MLP is off, sorted, no duplicates. */
  mlps: number[];
}

export const NO_ABLATION: Ablation = { heads: [], mlps: [] };

const isIndex = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;

/** Sorted and deduplicated; throws when a head or layer is outside the model. */
export function normaliseAblation(a: Ablation, config: Pick<Gpt2Config, 'nLayer' | 'nHead'>): Ablation {
  const { nLayer: L, nHead: H } = config;
  for (const [l, h] of a.heads) if (!isIndex(l, L) || !isIndex(h, H)) throw new Error(`head ${l}.${h} is outside this model (${L} layers × ${H} heads, 0-based)`);
  for (const l of a.mlps) if (!isIndex(l, L)) throw new Error(`MLP ${l} is outside this model (layers 0-${L - 1})`);
  const heads = [...new Set(a.heads.map(([l, h]) => l * H + h))].sort((x, y) => x - y).map((i) => [Math.floor(i / H), i % H] as [number, number]);
  return { heads, mlps: [...new Set(a.mlps)].sort((x, y) => x - y) };
}

export function isHeadAblated(a: Ablation, layer: number, head: number): boolean {
  return a.heads.some(([l, h]) => l === layer && h === head);
}

/** The set with one head switched (off if on, on if off). */
export function toggleHead(a: Ablation, layer: number, head: number): Ablation {
  const heads: [number, number][] = isHeadAblated(a, layer, head) ? a.heads.filter(([l, h]) => l !== layer || h !== head) : [...a.heads, [layer, head]];
  heads.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { heads, mlps: a.mlps };
}

/** The set with one layer's MLP switched. */
export function toggleMlp(a: Ablation, layer: number): Ablation {
  const mlps = a.mlps.includes(layer) ? a.mlps.filter((l) => l !== layer) : [...a.mlps, layer].sort((x, y) => x - y);
  return { heads: a.heads, mlps };
}

/** head_mask [L·H] (row-major [L, H]) and mlp_mask [L]: ones, with zeros where ablated. */
export function ablationMasks(a: Ablation, config: Pick<Gpt2Config, 'nLayer' | 'nHead'>): { headMask: Float32Array; mlpMask: Float32Array } {
  const { heads, mlps } = normaliseAblation(a, config);
  const headMask = new Float32Array(config.nLayer * config.nHead).fill(1);
  const mlpMask = new Float32Array(config.nLayer).fill(1);
  for (const [l, h] of heads) headMask[l * config.nHead + h] = 0;
  for (const l of mlps) mlpMask[l] = 0;
  return { headMask, mlpMask };
}

/** "9.6,9.9,mlp3": heads first, in order, then MLPs; '' for none. */
export function formatAblation(a: Ablation): string {
  return [...a.heads.map(([l, h]) => `${l}.${h}`), ...a.mlps.map((l) => `mlp${l}`)].join(',');
}

/** An entry of an ablation string that was not used, and why: outside the model's heads or layers, or not written as a head or an MLP. */
export interface AblationRejection {
  item: string;
  reason: 'head' | 'mlp' | 'syntax';
  layers: number;
  heads: number;
}

/** A rejection in English. */
export function rejectionText(r: AblationRejection): string {
  switch (r.reason) {
    case 'head':
      return `${r.item} (this model has ${r.layers} layers × ${r.heads} heads, 0-based)`;
    case 'mlp':
      return `${r.item} (this model has layers 0-${r.layers - 1})`;
    case 'syntax':
      return `${r.item} (write a head as layer.head, e.g. 9.9, and an MLP as mlp3)`;
  }
}

/**
 * Reads "9.9,9.6,mlp3". Entries that are malformed or outside the model are returned in
 * `rejections`, with the reason (a URL from another model should not break the page).
 */
export function readAblation(text: string, config: Pick<Gpt2Config, 'nLayer' | 'nHead'>): { ablation: Ablation; rejections: AblationRejection[] } {
  const heads: [number, number][] = [];
  const mlps: number[] = [];
  const rejections: AblationRejection[] = [];
  const reject = (item: string, reason: AblationRejection['reason']) => rejections.push({ item, reason, layers: config.nLayer, heads: config.nHead });
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const head = /^(\d+)\.(\d+)$/.exec(item);
    const mlp = /^mlp(\d+)$/i.exec(item);
    if (head) {
      const [l, h] = [Number(head[1]), Number(head[2])];
      if (isIndex(l, config.nLayer) && isIndex(h, config.nHead)) heads.push([l, h]);
      else reject(item, 'head');
    } else if (mlp) {
      const l = Number(mlp[1]);
      if (isIndex(l, config.nLayer)) mlps.push(l);
      else reject(item, 'mlp');
    } else reject(item, 'syntax');
  }
  return { ablation: normaliseAblation({ heads, mlps }, config), rejections };
}

/** readAblation with the rejections in English, in `rejected`. */
export function parseAblation(text: string, config: Pick<Gpt2Config, 'nLayer' | 'nHead'>): { ablation: Ablation; rejected: string[] } {
  const { ablation, rejections } = readAblation(text, config);
  return { ablation, rejected: rejections.map(rejectionText) };
}
