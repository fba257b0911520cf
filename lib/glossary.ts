/**
 * The app's words, explained for the article's readers: one short entry per term, shown where the
 * term appears (hover or focus) and all together on /glossary. The terms and their explanations
 * are in the message files (messages/<locale>/glossary.json, terms.<id>.term and .text); this
 * module keeps their ids.
 */
export const GLOSSARY_IDS = [
  'vector',
  'cosine',
  '3cosadd',
  '3cosmul',
  'honest',
  'umap',
  'pca',
  'neighbours',
  'minDist',
  'seed',
  'preservation',
  'token',
  'subToken',
  'residual',
  'layer',
  'baseline',
  'attention',
  'mlp',
  'lnf',
  'unembedding',
  'logitLens',
  'logit',
  'logitDiff',
  'temperature',
  'ablation',
  'ioi',
  'nameMover',
  'int8',
] as const;

export type GlossaryId = (typeof GLOSSARY_IDS)[number];

/** Every glossary id as a key (`id in GLOSSARY` tells a term from any other word). */
export const GLOSSARY: Readonly<Record<GlossaryId, { id: GlossaryId }>> = Object.fromEntries(GLOSSARY_IDS.map((id) => [id, { id }])) as Record<GlossaryId, { id: GlossaryId }>;

/** Whether `id` names a glossary term. */
export const isGlossaryId = (id: string): id is GlossaryId => (GLOSSARY_IDS as readonly string[]).includes(id);
