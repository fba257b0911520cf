/** Shared plumbing for the command-line tools: argument errors, number flags, exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** parseArgs that turns every mistake into a UsageError (printed with the usage text, exit 2). */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ options, allowPositionals, strict: true });
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

/** Runs a CLI main: usage errors exit 2 with the usage text, other errors exit 1. */
export function runCli(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((e: Error) => {
    if (e instanceof UsageError) {
      console.error(`${name}: ${e.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(`${name}: ${e.message}`);
    process.exit(1);
  });
}
