/** Shared plumbing for the command-line tools: argument errors, number flags, --help, exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setNameProblem } from '../lib/vectors/format';

export class UsageError extends Error {}

/** Largest --k of query and neighbors: a page of results, not the vocabulary. */
export const MAX_K = 1000;

/** Thrown by parseCli for -h / --help: runCli prints the usage on stdout and exits 0. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
  }
}

/** True when the arguments ask for help (-h or --help before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * parseArgs that turns every mistake into a UsageError (printed with the usage text, exit 2);
 * -h or --help anywhere throws HelpRequested instead (usage on stdout, exit 0).
 */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(options: T, allowPositionals: boolean, args: string[] = process.argv.slice(2)) {
  if (wantsHelp(args)) throw new HelpRequested();
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** An integer flag within [min, max], else a UsageError naming the value, the limits and the fix. */
export function intFlag(value: string | undefined, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max.toLocaleString('en')}`;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ${range}, got "${value}"`);
  if (n > max) throw new UsageError(`--${name} must be an integer ${range}, got "${value}": use --${name} ${max} or less`);
  return n;
}

export function choiceFlag<T extends string>(value: string | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}

/** A --set NAME checked against the set-name pattern before any file is touched. */
export function setFlag(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const problem = setNameProblem(value);
  if (problem) throw new UsageError(`--set: ${problem}`);
  return value;
}

/** Runs a CLI main: --help prints the usage and exits 0, usage errors exit 2 with the usage text, other errors exit 1. */
export function runCli(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((e: Error) => {
    if (e instanceof HelpRequested) {
      console.log(usage);
      process.exit(0);
    }
    if (e instanceof UsageError) {
      console.error(`${name}: ${e.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(`${name}: ${e.message}`);
    process.exit(1);
  });
}
