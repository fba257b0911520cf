import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HelpRequested, parseCli, UsageError, wantsHelp } from './cli';

/** Runs a script with tsx; resolves with the exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.resolve('node_modules/.bin/tsx');
  return new Promise((resolve) => {
    execFile(tsx, [path.resolve('scripts', script), ...args], (error, stdout, stderr) => {
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
});
