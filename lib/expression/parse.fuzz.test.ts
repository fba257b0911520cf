import { describe, expect, it } from 'vitest';
import { expectOwnError, runFuzz, type Fuzzer } from '../vectors/fuzz';
import { ExpressionError, parseExpression } from './parse';

/** Pieces expressions are made of, including the awkward ones: every minus, quotes, numbers at the edge of double range, lone surrogates. */
const PIECES = [
  'king', 'man', 'woman', 'Paris', 'e-mail', '1990', 'x', 'Москва', '東京', '😀', "u.s.", "'s", '$',
  '+', '-', '\u2212', '\u2013', '*', ':', '::', '?', '"', '""', ' ', '  ', '\t', '\n', '\u00a0', '\u3000',
  '2', '0', '0.5', '.5', '5.', '1e-1', '1e999', '1e-999', '1e308', '2e308', '1e-320', '9'.repeat(400), '-0', '1e', '1.2.3',
  '\ud800', '\udc00', '\u0000', '\ufeff', '"a b"', '"x*y"', '"?"',
];

const VALID = ['king - man + woman', '2*king - man', 'man : woman :: king : ?', 'paris : france :: rome : italy', '"e-mail" + x', '0.5*a + .25*b', 'cat'];

function makeInput(f: Fuzzer): string {
  if (f.chance(0.3)) {
    // A valid expression with a few characters changed.
    let s = f.pick(VALID);
    for (let e = 1 + f.int(3); e > 0; e--) {
      const at = f.int(s.length + 1);
      const piece = f.pick(PIECES);
      s = f.chance(0.5) ? s.slice(0, at) + piece + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + f.int(3));
    }
    return s;
  }
  let s = '';
  for (let n = f.int(12); n >= 0; n--) s += f.pick(PIECES);
  return s;
}

const outcomes = { parsed: 0, refused: 0 };

/** The properties of one parse: an Expression that round-trips, or an ExpressionError whose column is inside the input. */
function check(input: string): void {
  let parsed: ReturnType<typeof parseExpression> | undefined;
  const error = expectOwnError(() => (parsed = parseExpression(input)), ExpressionError);
  outcomes[error ? 'refused' : 'parsed']++;
  if (error) {
    if (!(Number.isInteger(error.column) && error.column >= 1 && error.column <= input.length + 1)) {
      throw new Error(`column ${error.column} is outside 1..${input.length + 1}`);
    }
    const named = /at column (\d+)/.exec(error.message);
    if (named && Number(named[1]) !== error.column) throw new Error(`the message names column ${named[1]}, the error says ${error.column}`);
    return;
  }
  const e = parsed!;
  if (e.terms.length === 0) throw new Error('no terms');
  for (const t of e.terms) {
    if (!Number.isFinite(t.weight) || t.weight === 0) throw new Error(`weight ${t.weight} for "${t.word}"`);
    if (!(t.column >= 1 && t.column <= input.length)) throw new Error(`term column ${t.column} is outside the input`);
    if (t.word === '') throw new Error('empty word');
  }
  const again = parseExpression(e.text);
  const strip = (x: typeof e) => ({ kind: x.kind, expect: x.expect, terms: x.terms.map(({ word, weight }) => ({ word, weight })) });
  expect(strip(again)).toEqual(strip(e));
}

describe('parseExpression fuzz', () => {
  it('returns an expression that round-trips or throws an ExpressionError with a column inside the input', async () => {
    const report = await runFuzz({ target: 'expression parser', seed: 1, cases: 30_000, make: makeInput, check });
    expect(report.failures).toEqual([]);
    // The generator reaches both outcomes often.
    if (process.env.WVE_FUZZ_REPORT) console.log(outcomes);
    expect(outcomes.parsed).toBeGreaterThan(report.cases / 10);
    expect(outcomes.refused).toBeGreaterThan(report.cases / 10);
  });
});
