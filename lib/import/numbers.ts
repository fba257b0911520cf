/** Numbers in vector files: strict decimals, the `COUNT DIMS` header, and rows float32 cannot hold. */
import { fail, type ImportError } from './errors';

export const HEADER_PATTERN = /^(\d+)[ \t]+(\d+)$/;

/** True when a line (already trimmed) is exactly two integers, i.e. a word2vec/fastText header. */
export function isHeaderLine(line: string): boolean {
  return HEADER_PATTERN.test(line.trim());
}

/**
 * Cheap guard around `+s`: Number() also accepts "", whitespace, "0x1f", "0b1", "0o7" and
 * "Infinity", which are not decimal numbers. A decimal starts with a digit, '.', '+' or '-' and
 * ends with a digit or '.'; Number() rejects everything else that passes this guard ("1.2.3",
 * "1e", "--1", ".").
 */
export function looksDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 46 || c0 === 43 || c0 === 45)) return false;
  const cl = s.charCodeAt(n - 1);
  if (!((cl >= 48 && cl <= 57) || cl === 46)) return false;
  if (c0 === 48 && n > 2) {
    const c1 = s.charCodeAt(1) | 0x20; // lower-case
    if (c1 === 120 || c1 === 98 || c1 === 111) return false; // x b o
  }
  return true;
}

/** Strict decimal parsing: the number, or NaN for anything that is not a plain decimal. */
export function parseDecimal(s: string): number {
  return looksDecimal(s) ? +s : NaN;
}

/** Exact powers of ten as doubles (10^22 is the largest exactly representable one). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Parses the decimal in s[start, end) without making a substring, or returns NaN when it is not
 * a simple one (the caller then falls back to Number()). Uses Clinger's fast path: with an
 * integer mantissa below 2^53 and a power of ten up to 10^22 both are exact doubles, so one
 * multiplication or division is correctly rounded and the result equals Number(s) exactly.
 */
export function fastDecimal(s: string, start: number, end: number): number {
  let i = start;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    c = s.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  while (c >= 48 && c <= 57 && i < end) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = s.charCodeAt(++i);
  }
  let exponent = 0;
  if (c === 46 /* . */ && i < end) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57 && i < end) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      exponent--;
      c = s.charCodeAt(++i);
    }
  }
  if (digits === 0 || mantissa > 9007199254740991) return NaN;
  if ((c === 101 || c === 69) /* e E */ && i < end) {
    c = s.charCodeAt(++i);
    let expNegative = false;
    if ((c === 45 || c === 43) && i < end) {
      expNegative = c === 45;
      c = s.charCodeAt(++i);
    }
    let e = 0;
    let expDigits = 0;
    while (c >= 48 && c <= 57 && i < end && expDigits < 6) {
      e = e * 10 + (c - 48);
      expDigits++;
      c = s.charCodeAt(++i);
    }
    if (expDigits === 0) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  let v: number;
  if (exponent === 0) v = mantissa;
  else if (exponent < 0 && exponent >= -22) v = mantissa / POW10[-exponent];
  else if (exponent > 0 && exponent <= 22) v = mantissa * POW10[exponent];
  else return NaN;
  return negative ? -v : v;
}

/**
 * Below this magnitude no row of up to MAX_DIMS values can have a norm beyond float32's range
 * (3.4e38 / sqrt(4096) ≈ 5.3e36), so the norm is only computed for rows with larger values.
 */
export const HUGE = 5e36;

/** A set stores each row's norm as float32: refuse rows whose norm would be Infinity. */
export function checkNorm(vector: Float32Array, where: string): void {
  let sumSq = 0;
  for (let i = 0; i < vector.length; i++) sumSq += vector[i] * vector[i];
  const norm = Math.sqrt(sumSq);
  if (!Number.isFinite(Math.fround(norm))) {
    throw fail(where, `the vector's length (${norm.toPrecision(3)}) is beyond float32 range, so its norm cannot be stored`);
  }
}

const NON_FINITE_WORD = /^[+-]?(nan|inf|infinity)$/i;

/** The error for a field of a text line that is not a number. */
export function badNumber(where: string, field: string, column: number): ImportError {
  if (field.length === 0) return fail(where, `empty field in column ${column} (two spaces in a row?)`);
  if (NON_FINITE_WORD.test(field)) return fail(where, `non-finite value ${JSON.stringify(field)} (column ${column})`);
  const shown = field.length > 40 ? field.slice(0, 40) + '…' : field;
  return fail(where, `${JSON.stringify(shown)} is not a number (column ${column})`);
}
