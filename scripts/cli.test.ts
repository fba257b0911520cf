import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorSetWriter } from '../lib/node/vector-set-writer';
import { HelpRequested, intFlag, parseCli, setFlag, UsageError, wantsHelp } from './cli';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-query-cli-'));
  // A 3-d space: royalty, male, female.
  const words = ['man', 'woman', 'king', 'queen', 'prince', 'apple'];
  const rows = [[0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [1, 1, 0.2], [-1, 0.1, 0.1]];
  const w = await VectorSetWriter.create(root, { name: 'tiny', title: 'tiny', dims: 3, source: 'test', licence: 'test' });
  for (let i = 0; i < words.length; i++) await w.add(words[i], rows[i]);
  await w.finish();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs a script with tsx against the temporary models folder; resolves with the exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.resolve('node_modules/.bin/tsx');
  return new Promise((resolve) => {
    execFile(tsx, [path.resolve('scripts', script), ...args], { env: { ...process.env, WVE_MODELS_DIR: root } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('scripts/cli.ts', () => {
  it('wantsHelp(args) sees -h and --help before a "--" only', () => {
    expect(wantsHelp(['king', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--helpful'])).toBe(false);
  });

  it('parseCli throws HelpRequested for --help even with other unknown options', () => {
    expect(() => parseCli({ k: { type: 'string' } }, true, ['--bogus', '--help'])).toThrow(HelpRequested);
    expect(() => parseCli({ k: { type: 'string' } }, true, ['--bogus'])).toThrow(UsageError);
    expect(parseCli({ k: { type: 'string' } }, true, ['--k', '3', 'cat']).values.k).toBe('3');
  });

  it('intFlag(value, name, fallback, min, max) names the value, the limits and the fix', () => {
    expect(intFlag(undefined, 'k', 10, 1, 1000)).toBe(10);
    expect(intFlag('1000', 'k', 10, 1, 1000)).toBe(1000);
    expect(() => intFlag('1e9', 'k', 10, 1, 1000)).toThrow('--k must be an integer from 1 to 1,000, got "1e9": use --k 1000 or less');
    expect(() => intFlag('0', 'k', 10, 1, 1000)).toThrow('--k must be an integer from 1 to 1,000, got "0"');
    expect(() => intFlag('x', 'runs', 10)).toThrow('--runs must be an integer ≥ 1, got "x"');
  });

  it('setFlag refuses names that are not set names before any file is read', () => {
    expect(setFlag(undefined, 'glove-6b-100d')).toBe('glove-6b-100d');
    expect(setFlag('my-set.v2', 'x')).toBe('my-set.v2');
    for (const bad of ['../../etc', '/etc', 'a/b', '', '.hidden', 'UPPER']) expect(() => setFlag(bad, 'x')).toThrow(UsageError);
    expect(() => setFlag('../../etc', 'x')).toThrow(/set name "..\/..\/etc" is not valid: use 1-64 characters of a-z/);
  });
});

describe('query, neighbors and project on the command line', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const results = await Promise.all(['query.ts', 'neighbors.ts', 'project.ts'].map((s) => run(s, ['--help'])));
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run -s (query|neighbors|project) -- /);
      expect(r.stdout).toContain('-h, --help');
      expect(r.stderr).not.toContain('Unknown option');
    }
  });

  it('--k is bounded 1 to 1,000 (a usage error, exit 2), checked before the vectors load', async () => {
    const [q, n] = await Promise.all([run('query.ts', ['king', '--k', '1e9']), run('neighbors.ts', ['king', '--k', '1001'])]);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('query: --k must be an integer from 1 to 1,000, got "1e9": use --k 1000 or less');
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('neighbors: --k must be an integer from 1 to 1,000, got "1001"');
  });

  it('--set ../../etc is refused as a usage error', async () => {
    const r = await run('query.ts', ['king', '--set', '../../etc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('query: --set: set name "../../etc" is not valid');
  });

  it('weights float32 cannot carry exit 1 with a message, as JSON on stdout with --json', async () => {
    const [big, small, cosmul] = await Promise.all([
      run('query.ts', ['1e300*king', '--set', 'tiny', '--json']),
      run('query.ts', ['1e-40*king', '--set', 'tiny']),
      run('query.ts', ['1e6*king - man', '--set', 'tiny', '--method', '3cosmul', '--json']),
    ]);
    expect(big.code).toBe(1);
    expect(JSON.parse(big.stdout)).toEqual({ error: expect.stringMatching(/^weight 1e\+300 on "king" at column 7 is too large/), column: 7 });
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/^query: weight 1e-40 on "king" at column 7 is too small: .*at least 1e-30/);
    expect(cosmul.code).toBe(1);
    expect(JSON.parse(cosmul.stdout).error).toMatch(/^3CosMul cannot rank the words: every score is 0 /);
  });

  it('a good query still answers', async () => {
    const r = await run('query.ts', ['king - man + woman', '--set', 'tiny', '--k', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].word).toBe('queen');
  });
});
