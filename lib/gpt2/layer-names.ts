/**
 * One numbering of GPT-2's layers for every page: layer 0 is the embeddings, layer l (1..L) the
 * residual stream after block l − 1, and blocks and heads count from 0, as the published head
 * names do (head 9.9 is block 9's head 9). The pages word it in the reader's language
 * (messages: gpt2 `layer.*`, through app/components/gpt2/layer-names.ts); the English forms here
 * are for the command line and tests.
 */

/** The block whose output layer `layer` is, or null for layer 0 (the embeddings). */
export const blockBefore = (layer: number): number | null => (layer === 0 ? null : layer - 1);

/** "embeddings" for layer 0, "after block N" for the others. */
export const layerName = (layer: number): string => {
  const block = blockBefore(layer);
  return block === null ? 'embeddings' : `after block ${block}`;
};

/** "layer 0 (embeddings)", "layer 3 (after block 2)". */
export const layerLabel = (layer: number): string => `layer ${layer} (${layerName(layer)})`;
