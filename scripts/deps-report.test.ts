import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, declaredLicence, installedFolders, licenceFlags, summary, type LsNode } from './deps-report';

describe('deps-report', () => {
  it('declaredLicence reads license, the old {type} object and the old licenses array', () => {
    expect(declaredLicence({ license: 'MIT' })).toBe('MIT');
    expect(declaredLicence({ license: { type: 'ISC', url: 'x' } })).toBe('ISC');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(declaredLicence({ license: '  ' })).toBeNull();
    expect(declaredLicence({})).toBeNull();
  });

  it('licenceFlags: no licence, copyleft unless an OR offers a way out, UNLICENSED, custom files', () => {
    expect(licenceFlags(null)).toEqual(['no licence']);
    expect(licenceFlags('MIT')).toEqual([]);
    for (const l of ['GPL-3.0', 'LGPL-3.0-or-later', 'MPL-2.0', 'AGPL-3.0-only', '(MIT AND GPL-2.0)', 'GPL-2.0 WITH Classpath-exception-2.0']) expect(licenceFlags(l)).toEqual(['copyleft']);
    expect(licenceFlags('(MIT OR GPL-3.0)')).toEqual([]);
    expect(licenceFlags('UNLICENSED')).toEqual(['not licensed (UNLICENSED)']);
    expect(licenceFlags('SEE LICENSE IN LICENSE.md')).toEqual(['custom licence']);
  });

  it('buildReport lists each installed folder once, marks dev-only packages and groups by licence', async () => {
    const a = { path: '/p/node_modules/a', dependencies: { c: { path: '/p/node_modules/c' } } };
    const all: LsNode = { name: 'p', version: '1.0.0', dependencies: { a, b: { path: '/p/node_modules/b', dependencies: { c: { path: '/p/node_modules/c' } } }, other: {} } };
    const runtime: LsNode = { dependencies: { a } };
    const pkgs: Record<string, Record<string, unknown>> = {
      '/p/node_modules/a': { name: 'a', version: '1.0.0', license: 'MIT' },
      '/p/node_modules/b': { name: 'b', version: '2.0.0', license: 'GPL-3.0' },
      '/p/node_modules/c': { name: 'c', version: '3.0.0' },
    };
    expect(installedFolders(all)).toEqual({ folders: new Set(Object.keys(pkgs)), notInstalled: 1 });
    const r = await buildReport(all, runtime, async (f) => pkgs[f], async (f) => (f.endsWith('c') ? 'LICENSE' : null), '/p');
    expect(r.packages.map((p) => [p.name, p.path, p.dev])).toEqual([['a', 'node_modules/a', false], ['b', 'node_modules/b', true], ['c', 'node_modules/c', false]]);
    expect(r.byLicence).toEqual([
      { licence: '(none)', count: 1, packages: ['c@3.0.0'] },
      { licence: 'GPL-3.0', count: 1, packages: ['b@2.0.0'] },
      { licence: 'MIT', count: 1, packages: ['a@1.0.0'] },
    ]);
    expect(r.flagged).toEqual({ noLicence: ['c@3.0.0 (no licence field; has LICENSE)'], copyleft: ['b@2.0.0 (GPL-3.0; dev only)'], other: [] });
    expect(summary(r, 'out.json')).toContain('3 packages installed (3 distinct name@version; 2 needed at run time, 1 by development only); 1 optional packages for other platforms not installed');
  });

  it('npm run -s deps:report writes the report and prints a summary (real node_modules)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wve-deps-'));
    try {
      const out = path.join(dir, 'deps.json');
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(path.resolve('node_modules/.bin/tsx'), ['scripts/deps-report.ts', '--out', out], (error, so, se) => (error ? reject(new Error(se)) : resolve(so))),
      );
      const report = JSON.parse(await readFile(out, 'utf8'));
      expect(report.project.name).toBe('word-vector-explorer');
      expect(report.packages.find((p: { name: string }) => p.name === 'next')).toMatchObject({ licence: 'MIT', dev: false });
      expect(report.packages.find((p: { name: string }) => p.name === 'vitest')).toMatchObject({ dev: true });
      expect(stdout).toMatch(/^\d+ packages installed .*\nlicences: MIT \d+/);
      expect(stdout).toContain(`written to ${out}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
