/**
 * `npm run -s project -- --words-from "neighbors:king:500" --method umap|pca|axes --dims 2|3 [--seed 42] --json`
 * Projects a set of words to 2-D or 3-D, exactly as the map page does, and prints the points.
 */
import { readFile } from 'node:fs/promises';
import { computeMap, MAP_METHODS, DEFAULT_MAP_PARAMS, type MapParams } from '../lib/maps/compute-map';
import { parseWordList, parseWordSource, type WordSource } from '../lib/maps/word-source';
import { openEngine } from '../lib/node/open-engine';
import { DEFAULT_SET } from '../lib/node/vector-set-reader';
import { choiceFlag, intFlag, parseCli, runCli, setFlag, UsageError } from './cli';
import { createProgress } from './progress';
import { withJsonErrorsAsync } from './query-output';

const USAGE = `usage: npm run -s project -- --words-from SOURCE [--method umap|pca|axes] [--dims 2|3] [--seed 42] [--json]

  --words-from SOURCE  neighbors:WORD:N (the word or expression and its neighbours, N ≤ 5,000),
                       top:N (most frequent words, N ≤ 10,000), list:W1,W2,…,
                       groups:NAME=W1,W2;NAME=…, or file:PATH (words separated by commas, spaces
                       or new lines; a line "Name: w1, w2" makes a group)
  --method M           umap (default), pca, or axes (word-pair axes, needs --x)
  --dims 2|3           output dimensions (default 2)
  --seed N             UMAP seed (default 42): the same seed gives the same map
  --neighbors N        UMAP neighbours (default 15)
  --min-dist X         UMAP minimum distance (default 0.1)
  --epochs N           UMAP epochs (default: umap-js's rule capped at 1,000,000 point-epochs,
                       e.g. 200 for 5,000 words; umap-js itself uses 400)
  --x A,B --y C,D      word-pair axes: x from A to B (e.g. he,she); y from C to D, or the top
                       principal component of the rest when --y is absent
  --set NAME           vector set in models/ (default ${DEFAULT_SET})
  --json               print {"method","n","seconds","preservation10","points":[{"word","x","y","z"?}]}
  -h, --help           show this help`;

runCli('project', USAGE, async () => {
  const { values } = parseCli(
    {
      'words-from': { type: 'string' },
      method: { type: 'string' },
      dims: { type: 'string' },
      seed: { type: 'string' },
      neighbors: { type: 'string' },
      'min-dist': { type: 'string' },
      epochs: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
      set: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    false,
  );
  if (!values['words-from']) throw new UsageError('missing --words-from');
  const source = await withJsonErrorsAsync(values.json, () => readSource(values['words-from']!));
  const params: MapParams = {
    ...DEFAULT_MAP_PARAMS,
    method: choiceFlag(values.method, 'method', MAP_METHODS, 'umap'),
    dims: Number(choiceFlag(values.dims, 'dims', ['2', '3'], '2')) as 2 | 3,
    seed: intFlag(values.seed, 'seed', DEFAULT_MAP_PARAMS.seed, 0),
    nNeighbors: intFlag(values.neighbors, 'neighbors', DEFAULT_MAP_PARAMS.nNeighbors, 2),
    minDist: numberFlag(values['min-dist'], 'min-dist', DEFAULT_MAP_PARAMS.minDist),
    nEpochs: values.epochs === undefined ? undefined : intFlag(values.epochs, 'epochs', 0),
    axisX: pairFlag(values.x, 'x'),
    axisY: pairFlag(values.y, 'y'),
  };
  if (params.method === 'axes' && !params.axisX) throw new UsageError('--method axes needs --x A,B (e.g. --x he,she)');

  const engine = await openEngine(setFlag(values.set, DEFAULT_SET));
  const bar = createProgress('projecting', 1, 'steps');
  const map = await withJsonErrorsAsync(values.json, () =>
    computeMap(engine, source, params, {
      onProgress: (p) => {
        if (p.phase === 'layout') bar.update(p.done / Math.max(1, p.total));
      },
    }),
  );
  bar.done();

  if (values.json) {
    const points = map.words.map((word, i) => {
      const c = map.coords.subarray(i * map.dims, i * map.dims + map.dims);
      const point: { word: string; x: number; y: number; z?: number; group?: string } = { word, x: round(c[0]), y: round(c[1]) };
      if (map.dims === 3) point.z = round(c[2]);
      if (map.groupNames.length > 1) point.group = map.groupNames[map.group[i]];
      return point;
    });
    const out = {
      method: map.method,
      n: map.words.length,
      dims: map.dims,
      seconds: round(map.seconds),
      qualitySeconds: round(map.qualitySeconds),
      preservation10: round(map.preservation10),
      qualitySample: map.qualitySample,
      axes: map.axisLabels,
      ...(map.explained && { explained: map.explained.map(round) }),
      ...(map.nNeighbors !== undefined && { nNeighbors: map.nNeighbors, nEpochs: map.nEpochs, seed: params.seed }),
      missing: map.missing,
      points,
    };
    console.log(JSON.stringify(out));
    return;
  }
  console.log(`${map.method.toUpperCase()} of ${map.words.length.toLocaleString('en')} words to ${map.dims}-D in ${map.seconds.toFixed(2)} s`);
  console.log(`axes: ${map.axisLabels.join(' | ')}`);
  console.log(`neighbour preservation (10-NN kept on the map): ${(map.preservation10 * 100).toFixed(1)}%`);
  if (map.missing.length) console.log(`not in the vectors (skipped): ${map.missing.join(', ')}`);
  for (let i = 0; i < Math.min(10, map.words.length); i++) {
    const c = Array.from(map.coords.subarray(i * map.dims, i * map.dims + map.dims), (v) => v.toFixed(3).padStart(8));
    console.log(`  ${map.words[i].padEnd(16)} ${c.join(' ')}`);
  }
  if (map.words.length > 10) console.log(`  … ${map.words.length - 10} more (use --json for all)`);
});

async function readSource(spec: string): Promise<WordSource> {
  if (!spec.startsWith('file:')) return parseWordSource(spec);
  const file = spec.slice('file:'.length);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseWordList(text);
}

function numberFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number ≥ 0, got "${value}"`);
  return n;
}

function pairFlag(value: string | undefined, name: string): [string, string] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(/[,>]/).map((w) => w.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(`--${name} must be two words, e.g. --${name} he,she`);
  return [parts[0], parts[1]];
}

const round = (v: number) => Number(v.toFixed(4));
