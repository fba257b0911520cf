import { describe, expect, it } from 'vitest';
import { formatAblation, parseAblation } from '../gpt2/ablation';
import { MAX_NEW_TOKENS } from '../gpt2/generate';
import { chooseModel, modelParamsFrom } from '../gpt2/model-choice';
import { checkSampling } from '../gpt2/sampling';
import { MAP_METHODS } from '../maps/compute-map';
import { mapRequest, searchFromState, stateFromSearch } from '../maps/map-state';
import { WordSourceError } from '../maps/word-source';
import { readUrlState } from '../url-state';
import { METHODS } from '../vectors/methods';
import { DEFAULT_SET } from '../vectors/set-index';
import { expectOwnError, runFuzz, type Fuzzer } from '../vectors/fuzz';
import { contextStateFrom } from './context-state';
import { layersStateFrom } from './layers-state';
import { queryStateFrom } from './query-state';

const KEYS = [
  'q', 'k', 'method', 'honest', 'expect', 'word', 'set', 'words', 'dims', 'seed', 'nn', 'md', 'x', 'y', 'color', 'overlay', 'sel', 'cam',
  'p', 'tok', 'temp', 'pos', 'layer', 'head', 'ablate', 'gen', 'sample', 'gtemp', 'topk', 'topp', 'target', 's', 'sense', 'pool',
  'model', 'hub', 'repo', 'revision', 'dtype', 'zz', '',
];
/** Values that parsers get wrong: non-numbers, numbers beyond every range, escapes, lone surrogates, long text. */
const VALUES = [
  '', ' ', '0', '1', '-1', '2', '3', '5', '10', '50', '1.5', '0.05', '1e-400', '1e400', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '1e3',
  '9'.repeat(400), `-${'9'.repeat(400)}`, '2147483648', '9007199254740993', '%', '%zz', '%F0%9F', '&', '=', '+', '#', '?',
  '\ud800', '\u0000', '東京', 'x'.repeat(5000), '1.2.3,4,5', '1,2,3', 'NaN,1,1', '1e999,0,0', '.,.,.',
  'umap', 'pca', 'axes', 'cluster', 'group', 'none', 'mean', 'last', '3cosmul', '3cosadd', 'int8', 'fp16', 'fp32', 'gpt2', 'glove-6b-100d',
  '9.9,9.6,mlp3', '99.99', 'mlp-1', 'mlp999999999999999999999', '1.1,1.1', 'he,she', 'he>she', 'neighbors:king:500', 'top:10', 'list:a,b', 'groups:A=x,y;B=z',
  'openai-community/gpt2', 'https://hf-mirror.com/', '/', '///', 'javascript:alert(1)',
];

function piece(f: Fuzzer): string {
  const v = f.pick(VALUES);
  if (!f.chance(0.3)) return v;
  try {
    return encodeURIComponent(v);
  } catch {
    return v; // a lone surrogate cannot be encoded: keep it raw
  }
}

/** A query string of 0–12 parameters (repeated keys included). */
function makeQuery(f: Fuzzer): string {
  const parts: string[] = [];
  for (let n = f.int(13); n > 0; n--) parts.push(f.chance(0.05) ? piece(f) : `${f.pick(KEYS)}=${piece(f)}`);
  return parts.join(f.chance(0.9) ? '&' : ';');
}

const SETS = [{ name: 'glove-6b-100d' }, { name: 'mine' }];
const finite = (x: number) => Number.isFinite(x);
const fail = (what: string) => {
  throw new Error(what);
};

describe('URL-state parsers fuzz', () => {
  it('map page: stateFromSearch gives a valid state that survives its own URL; mapRequest throws only WordSourceError', async () => {
    const report = await runFuzz({
      target: 'map-state stateFromSearch',
      seed: 31,
      cases: 4000,
      make: (f) => {
        const record: Record<string, string | string[] | undefined> = {};
        const params = new URLSearchParams(makeQuery(f));
        for (const key of new Set(params.keys())) record[key] = f.chance(0.3) ? params.getAll(key) : params.get(key)!;
        return record;
      },
      check: (record) => {
        const s = stateFromSearch(record, SETS.map((x) => x.name));
        if (!SETS.some((x) => x.name === s.set)) fail(`set ${s.set}`);
        if (!MAP_METHODS.includes(s.method)) fail(`method ${s.method}`);
        if (s.dims !== 2 && s.dims !== 3) fail(`dims ${s.dims}`);
        if (!(Number.isSafeInteger(s.seed) && s.seed >= 0)) fail(`seed ${s.seed}`);
        if (!(Number.isInteger(s.nNeighbors) && s.nNeighbors >= 2 && s.nNeighbors <= 100)) fail(`nNeighbors ${s.nNeighbors}`);
        if (!(s.minDist >= 0 && s.minDist <= 1)) fail(`minDist ${s.minDist}`);
        if (!(Number.isInteger(s.clusters) && s.clusters >= 2 && s.clusters <= 20)) fail(`clusters ${s.clusters}`);
        if (s.camera !== '' && !(s.camera.split(',').length === 3 && s.camera.split(',').map(Number).every(finite))) fail(`camera ${JSON.stringify(s.camera)} is not three finite numbers`);
        if (!s.words) fail('no words');
        const again = stateFromSearch(Object.fromEntries(new URLSearchParams(searchFromState(s))), SETS.map((x) => x.name));
        const comparable = (x: typeof s) => ({ ...x, axisX: x.method === 'axes' ? x.axisX : '', axisY: x.method === 'axes' ? x.axisY : '', camera: x.dims === 3 ? x.camera : '' });
        expect(comparable(again)).toEqual(comparable(s));
        expectOwnError(() => mapRequest(s), WordSourceError);
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('readUrlState: the fragment\'s parameters replace the query\'s, nothing throws', async () => {
    const report = await runFuzz({
      target: 'url-state readUrlState',
      seed: 32,
      cases: 3000,
      make: (f) => ({ search: (f.chance(0.5) ? '?' : '') + makeQuery(f), hash: (f.chance(0.5) ? '#' : '') + (f.chance(0.2) ? f.pick(VALUES) : makeQuery(f)) }),
      check: ({ search, hash }) => {
        const params = readUrlState(search, hash);
        const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
        if (!fragment.includes('=')) return;
        const fromHash = new URLSearchParams(fragment);
        for (const key of fromHash.keys()) expect(params.getAll(key)).toEqual(fromHash.getAll(key));
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('chooseModel(modelParamsFrom(url)) always decides: a source to load, or a repository to offer', async () => {
    const server = [
      { kind: 'server' as const, name: 'gpt2', label: 'GPT-2', random: false, source: 'openai-community/gpt2', repo: 'openai-community/gpt2', dtype: 'int8' as const, config: {} as never, url: 'gpt2/model.onnx', bytes: 1, sha256: '' },
      { kind: 'server' as const, name: 'gpt2-tiny-random', label: 'random', random: true, source: 'random', repo: null, dtype: 'fp32' as const, config: {} as never, url: 'x', bytes: 1, sha256: '' },
    ];
    const kept = [{ hub: 'https://huggingface.co', repo: 'openai-community/gpt2', revision: 'main', etag: null, bytes: 1, builds: [], partial: false, random: false }];
    const report = await runFuzz({
      target: 'model-choice chooseModel/modelParamsFrom',
      seed: 33,
      cases: 3000,
      make: (f) => ({
        query: makeQuery(f),
        server: server.filter(() => f.chance(0.5)),
        kept: kept.filter(() => f.chance(0.5)),
        last: f.pick([null, { kind: 'server' as const, name: f.pick(['gpt2', 'nope']) }, { kind: 'hub' as const, repo: 'openai-community/gpt2', revision: f.pick(['main', 'x']) }]),
      }),
      check: ({ query, server: s, kept: k, last }) => {
        const { decision, notes } = chooseModel({ params: modelParamsFrom(new URLSearchParams(query)), server: s as never, kept: k as never, last });
        if (!notes.every((n) => typeof n === 'string' && n.length > 0)) fail('a note is not text');
        if (decision.action === 'load') {
          if (!decision.source) fail('load without a source');
        } else if (decision.action === 'offer') {
          if (!decision.repo.trim() || !decision.revision.trim()) fail(`offer of ${JSON.stringify(decision)}`);
          if (typeof decision.hub !== 'string') fail('hub is not text');
        } else fail(`unknown action ${JSON.stringify(decision)}`);
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('parseAblation never throws: entries outside the model are rejected, and the result round-trips', async () => {
    const config = { nLayer: 12, nHead: 12 };
    const report = await runFuzz({
      target: 'ablation parseAblation',
      seed: 34,
      cases: 5000,
      make: (f) => Array.from({ length: f.int(8) }, () => (f.chance(0.5) ? f.pick(['9.9', '0.0', '11.11', '12.0', 'mlp3', 'MLP11', 'mlp12', '1.2.3', '', ' 4.5 ']) : f.pick(VALUES))).join(f.chance(0.9) ? ',' : ';'),
      check: (text) => {
        const { ablation, rejected } = parseAblation(text, config);
        for (const [l, h] of ablation.heads) if (!(Number.isInteger(l) && Number.isInteger(h) && l >= 0 && l < 12 && h >= 0 && h < 12)) fail(`head ${l}.${h}`);
        for (const l of ablation.mlps) if (!(Number.isInteger(l) && l >= 0 && l < 12)) fail(`mlp ${l}`);
        if (!rejected.every((r) => typeof r === 'string' && r.length > 0)) fail('a rejection without text');
        expect(parseAblation(formatAblation(ablation), config)).toEqual({ ablation, rejected: [] });
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('layersStateFrom: finite numbers in the controls\' ranges, and Continue settings that sampling accepts', async () => {
    const preset = { prompt: 'When Mary and John went to the store, John gave a drink to', tokens: [' Mary', ' John'] };
    const report = await runFuzz({
      target: 'layers-route layersStateFrom',
      seed: 35,
      cases: 4000,
      make: makeQuery,
      check: (query) => {
        const s = layersStateFrom(new URLSearchParams(query), preset);
        if (!(s.temperature >= 0.1 && s.temperature <= 2)) fail(`temperature ${s.temperature}`);
        for (const key of ['position', 'layer', 'head'] as const) if (!Number.isSafeInteger(s[key])) fail(`${key} ${s[key]} is not a safe integer`);
        const c = s.continuation;
        if (!(Number.isInteger(c.count) && c.count >= 1 && c.count <= MAX_NEW_TOKENS)) fail(`count ${c.count}`);
        if (!(Number.isInteger(c.seed) && c.seed >= 0)) fail(`seed ${c.seed}`);
        checkSampling(c);
        if (typeof s.prompt !== 'string' || !s.tokens.every((t) => typeof t === 'string')) fail('prompt or tokens not text');
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('contextStateFrom: sentences with text and a sense, a known pooling', async () => {
    const preset = { target: 'bank', sentences: [{ text: 'the river bank', sense: 'river' }] };
    const report = await runFuzz({
      target: 'context-route contextStateFrom',
      seed: 36,
      cases: 3000,
      make: makeQuery,
      check: (query) => {
        const s = contextStateFrom(new URLSearchParams(query), preset);
        if (s.pooling !== 'last' && s.pooling !== 'mean') fail(`pooling ${s.pooling}`);
        if (typeof s.target !== 'string' || s.sentences.length === 0) fail('no target or no sentences');
        if (!s.sentences.every((x) => typeof x.text === 'string' && typeof x.sense === 'string')) fail('a sentence without text or sense');
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('queryStateFrom: a known method, k among the menu\'s values, a set the page has', async () => {
    const report = await runFuzz({
      target: 'analogy-route queryStateFrom',
      seed: 37,
      cases: 3000,
      make: makeQuery,
      check: (query) => {
        const s = queryStateFrom(new URLSearchParams(query), SETS);
        if (!METHODS.includes(s.method)) fail(`method ${s.method}`);
        if (![5, 10, 20, 50].includes(s.k)) fail(`k ${s.k}`);
        if (!SETS.some((x) => x.name === s.set) && s.set !== DEFAULT_SET) fail(`set ${s.set}`);
        if (typeof s.q !== 'string') fail('q is not text');
      },
    });
    expect(report.failures).toEqual([]);
  });
});
