/**
 * The app's words, explained for the article's readers: one short entry per term, shown where the
 * term appears (hover or focus) and all together on /glossary.
 */
export interface GlossaryEntry {
  term: string;
  text: string;
}

export const GLOSSARY = {
  vector: { term: 'word vector', text: 'A list of numbers standing for a word (here 100 of them). Words used in similar ways get similar lists, so similar words sit close together.' },
  cosine: { term: 'cosine similarity', text: 'How closely two vectors point the same way: 1 for the same direction, 0 for unrelated, −1 for opposite. Length does not count.' },
  '3cosadd': { term: '3CosAdd', text: 'The usual analogy method: add and subtract the vectors (king − man + woman) and take the word whose vector points most nearly the same way.' },
  '3cosmul': { term: '3CosMul', text: 'An analogy method that multiplies similarities instead of adding vectors (Levy & Goldberg 2014), so one very similar word cannot outweigh the others.' },
  honest: { term: 'honest mode', text: 'Most analogy tools quietly drop the words you typed from the answers (king is often closest to king − man + woman). Honest mode keeps them and shows where they rank.' },
  umap: { term: 'UMAP', text: 'A way to draw many-dimensional points in 2-D or 3-D that tries to keep each word’s nearest neighbours near it on the map; distances between far-apart groups mean little.' },
  pca: { term: 'PCA', text: 'A way to draw many-dimensional points along the few directions in which they vary most; it keeps broad differences and loses fine neighbourhoods.' },
  neighbours: { term: 'neighbours (UMAP)', text: 'How many nearest words UMAP tries to keep together: few give tight local clusters, many give a smoother overall picture.' },
  minDist: { term: 'min. distance (UMAP)', text: 'How tightly UMAP may pack close points: small values make dense clumps, larger values spread them out.' },
  seed: { term: 'seed', text: 'The starting number of the random choices: the same seed gives the same map (or the same sampled text) again.' },
  preservation: { term: 'neighbour preservation', text: 'Of each word’s 10 nearest neighbours in all dimensions, the share that are still among its 10 nearest on the map.' },
  token: { term: 'token', text: 'The pieces GPT-2 reads text in: whole common words (with their leading space, “·bank”) or parts of rarer ones.' },
  subToken: { term: 'last sub-token', text: 'A word split into several tokens gets one vector per token; “last sub-token” uses the vector of its last piece, which has seen the whole word.' },
  residual: { term: 'residual stream', text: 'The vector each token carries through the model: every block reads it and adds its own contribution to it. These are the “hidden states”.' },
  layer: { term: 'layer', text: 'Layer 0 is the embeddings; layer l is the residual stream after block l − 1. Blocks and heads count from 0 (head 9.9 is block 9’s head 9).' },
  baseline: { term: 'baseline', text: 'GPT-2’s vectors all lean the same way, so any two words have a high cosine. The baseline is the cosine between other words of the same sentences: only what rises above it says something.' },
  attention: { term: 'attention head', text: 'A part of a block that lets each token look at earlier tokens and copy information from them. Each head learns its own job; GPT-2 small has 12 per block.' },
  mlp: { term: 'MLP (feed-forward block)', text: 'The second half of each block: it looks at one token at a time and adds what it has learned to associate with the patterns it finds, such as a country’s capital.' },
  lnf: { term: 'ln_f', text: 'The final layer normalisation: it rescales the last residual vector before the unembedding turns it into scores for every token.' },
  unembedding: { term: 'unembedding', text: 'The last step: a score (logit) for each of the 50,257 tokens from the final vector. GPT-2 reuses its input embeddings for it.' },
  logitLens: { term: 'logit lens', text: 'Applying ln_f and the unembedding to the residual stream after each layer, to read what the model would predict if it stopped there.' },
  logit: { term: 'logit', text: 'A token’s raw score before the softmax turns the scores into probabilities; differences between logits are what count.' },
  logitDiff: { term: 'logit difference', text: 'The logit of one token minus another’s, e.g. “Mary” minus “John”: positive when the model prefers the first. It does not depend on any other token.' },
  temperature: { term: 'temperature', text: 'Divides the logits before the softmax: below 1 sharpens the probabilities, above 1 flattens them; the ranking stays the same.' },
  ablation: { term: 'ablation', text: 'Switching a part of the model off (a head’s output or an MLP block set to zero) and rerunning, to see what that part did.' },
  ioi: { term: 'IOI', text: 'Indirect object identification: in “When Mary and John went to the store, John gave a drink to”, the answer is the name that was not repeated, Mary.' },
  nameMover: { term: 'name movers', text: 'Attention heads in GPT-2 small (9.9, 9.6, 10.0) that copy the indirect object’s name to the last position, found by Wang et al. (2022).' },
  int8: { term: 'int8', text: 'The weights stored as 8-bit integers with a scale (and the activations quantised as the model runs): a quarter of the size and about twice as fast on WebAssembly, close to exact.' },
} satisfies Record<string, GlossaryEntry>;

export type GlossaryId = keyof typeof GLOSSARY;
