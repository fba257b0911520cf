/**
 * Seeded fuzzing for the unit tests: the parsers of expressions, vector files, safetensors
 * headers and page URLs are fed random and corrupted input, and each case's outcome is checked
 * against a property (usually: it returns, or it throws the module's own error with a message).
 * Deterministic for a seed (lib/random.ts), so a failure names the case that reproduces it.
 * Silent on success; set WVE_FUZZ_REPORT=1 to print the number of cases run per target.
 */
import { seededRandom } from '../random';

/** A random source with the helpers input generators need. */
export interface Fuzzer {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

export function fuzzer(seed: number): Fuzzer {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  return { next: random, int, pick: (items) => items[int(items.length)], chance: (p) => random() < p };
}

export interface FuzzReport {
  target: string;
  cases: number;
  /** One line per failing case: its index, the input (shortened) and what went wrong. */
  failures: string[];
}

export interface FuzzTarget<T> {
  target: string;
  seed: number;
  cases: number;
  /** Makes case `i`'s input. */
  make: (f: Fuzzer, i: number) => T;
  /** Runs the code under test on the input; throws (anything) when the property does not hold. */
  check: (input: T) => void | Promise<void>;
  /** The input as text for a failure message. */
  show?: (input: T) => string;
}

const MAX_FAILURES = 10;

/** Runs every case and collects the failures (at most 10); never throws itself. */
export async function runFuzz<T>({ target, seed, cases, make, check, show = (x) => JSON.stringify(x) }: FuzzTarget<T>): Promise<FuzzReport> {
  const f = fuzzer(seed);
  const failures: string[] = [];
  let run = 0;
  for (let i = 0; i < cases && failures.length < MAX_FAILURES; i++) {
    const input = make(f, i);
    run++;
    try {
      await check(input);
    } catch (e) {
      const text = show(input);
      const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
      failures.push(`case ${i} (seed ${seed}): ${shown}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  }
  if (process.env.WVE_FUZZ_REPORT) console.log(`fuzz ${target}: ${run} cases, ${failures.length} failures`);
  return { target, cases: run, failures };
}

/**
 * The property most targets share: `run` returns, or throws an instance of `own` (the module's
 * error type) with a non-empty message; any other exception (a TypeError or RangeError from
 * deep inside) is a failure. Returns the module's error, if any, for further checks.
 */
export function expectOwnError<E extends Error>(run: () => unknown, own: abstract new (...args: never[]) => E): E | null {
  try {
    run();
    return null;
  } catch (e) {
    if (!(e instanceof own)) throw new Error(`threw ${describe(e)} instead of ${own.name}`);
    if (!e.message) throw new Error(`threw ${own.name} without a message`);
    return e;
  }
}

/** The async form of expectOwnError. */
export async function expectOwnErrorAsync<E extends Error>(run: () => Promise<unknown>, own: abstract new (...args: never[]) => E): Promise<E | null> {
  try {
    await run();
    return null;
  } catch (e) {
    if (!(e instanceof own)) throw new Error(`threw ${describe(e)} instead of ${own.name}`);
    if (!e.message) throw new Error(`threw ${own.name} without a message`);
    return e;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name} "${e.message}"` : JSON.stringify(e);
}

/** A copy of `bytes` with 1–4 random corruptions: byte flips, truncation, insertion, deletion or a duplicated span. */
export function corruptBytes(f: Fuzzer, bytes: Uint8Array): Uint8Array {
  let out: Uint8Array = Uint8Array.from(bytes);
  const edits = 1 + f.int(4);
  for (let e = 0; e < edits; e++) {
    const at = f.int(out.length + 1);
    switch (f.int(5)) {
      case 0: // flip a byte
        if (out.length) out[Math.min(at, out.length - 1)] ^= 1 << f.int(8);
        break;
      case 1: // truncate
        out = out.subarray(0, at);
        break;
      case 2: {
        // insert random bytes
        const extra = Uint8Array.from({ length: 1 + f.int(8) }, () => f.int(256));
        out = concat(out.subarray(0, at), extra, out.subarray(at));
        break;
      }
      case 3: // delete a span
        out = concat(out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + f.int(16))));
        break;
      default: {
        // duplicate a span
        const span = out.subarray(at, at + 1 + f.int(32));
        out = concat(out.subarray(0, at), span, out.subarray(at));
      }
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
