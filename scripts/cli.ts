/** Shared plumbing for the command-line tools: argument errors, number flags, --help, exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

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

export function intFlag(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

export function choiceFlag<T extends string>(value: string | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
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
