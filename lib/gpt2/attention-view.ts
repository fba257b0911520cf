/**
 * What the attention views need from `attn` [L, H, T, T] (softmax probabilities, [layer, head,
 * query, key]): one head in full for the large heatmap, and every head shrunk to at most S × S
 * for the grid of small multiples, so a long prompt does not post L·H·T² floats to the page.
 */

/** Head (layer, head) of attn [L, H, T, T] as a copy [T, T] (the whole attn buffer is not posted). */
export function attentionHead(attn: Float32Array, heads: number, tokens: number, layer: number, head: number): Float32Array {
  const size = tokens * tokens;
  const start = (layer * heads + head) * size;
  if (!Number.isInteger(layer) || !Number.isInteger(head) || layer < 0 || head < 0 || head >= heads || start + size > attn.length) {
    throw new Error(`head ${layer}.${head} is outside the attention tensor (${attn.length / (heads * size)} layers × ${heads} heads)`);
  }
  return attn.slice(start, start + size);
}

/** Cell i of n cells over `tokens` positions covers [floor(i·T/n), floor((i+1)·T/n)). */
const cellStart = (i: number, n: number, tokens: number) => Math.floor((i * tokens) / n);

/**
 * Every head of attn [L, H, T, T] as an S × S thumbnail, S = min(T, maxSize): the mean of each
 * block of queries × keys (for T ≤ maxSize, the attention itself). Returns [L, H, S, S].
 */
export function attentionThumbnails(attn: Float32Array, layers: number, heads: number, tokens: number, maxSize: number): { size: number; data: Float32Array } {
  if (attn.length !== layers * heads * tokens * tokens) throw new Error(`attn has ${attn.length} values, not ${layers}×${heads}×${tokens}×${tokens}`);
  const S = Math.min(tokens, maxSize);
  if (S === tokens) return { size: S, data: attn.slice() };
  const out = new Float32Array(layers * heads * S * S);
  const bounds = Int32Array.from({ length: S + 1 }, (_, i) => cellStart(i, S, tokens));
  for (let m = 0; m < layers * heads; m++) {
    const src = m * tokens * tokens;
    const dst = m * S * S;
    for (let i = 0; i < S; i++) {
      for (let q = bounds[i]; q < bounds[i + 1]; q++) {
        const row = src + q * tokens;
        for (let j = 0; j < S; j++) {
          let sum = 0;
          for (let k = bounds[j]; k < bounds[j + 1]; k++) sum += attn[row + k];
          out[dst + i * S + j] += sum;
        }
      }
      for (let j = 0; j < S; j++) out[dst + i * S + j] /= (bounds[i + 1] - bounds[i]) * (bounds[j + 1] - bounds[j]);
    }
  }
  return { size: S, data: out };
}
