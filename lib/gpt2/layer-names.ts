/**
 * One numbering of GPT-2's layers for every page: layer 0 is the embeddings, layer l (1..L) the
 * residual stream after block l − 1, and blocks and heads count from 0, as the published head
 * names do (head 9.9 is block 9's head 9).
 */

/** "embeddings" for layer 0, "after block N" for the others. */
export const layerName = (layer: number): string => (layer === 0 ? 'embeddings' : `after block ${layer - 1}`);

/** "layer 0 (embeddings)", "layer 3 (after block 2)". */
export const layerLabel = (layer: number): string => `layer ${layer} (${layerName(layer)})`;

/** The convention in one sentence, for the pages to show once. */
export const LAYER_CONVENTION = 'Layer 0 is the embeddings; layer l is the residual stream after block l − 1. Blocks and heads count from 0, so head 9.9 is block 9’s head 9.';
