import { translatorFor } from '../i18n/translate';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { EXPRESSION_ERROR_CODES, ExpressionError, parseExpression, type Expression, type Term } from './parse';

/** Terms without columns, for comparisons that are about words and weights only. */
function ww(e: Expression): Array<[string, number]> {
  return e.terms.map((t) => [t.word, t.weight]);
}

/** Runs the parser expecting an error, and returns it for message/column checks. */
function fail(input: string): ExpressionError {
  try {
    parseExpression(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

describe('parseExpression: valid forms', () => {
  it('parses a single word as a neighbour search', () => {
    expect(parseExpression('king')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'king', weight: 1, column: 1 }],
      text: 'king',
    });
    expect(parseExpression('   Paris  ')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'Paris', weight: 1, column: 4 }],
      text: 'Paris',
    });
  });

  it('parses plain arithmetic with columns', () => {
    expect(parseExpression('king - man + woman')).toEqual({
      kind: 'arithmetic',
      terms: [
        { word: 'king', weight: 1, column: 1 },
        { word: 'man', weight: -1, column: 8 },
        { word: 'woman', weight: 1, column: 14 },
      ],
      text: 'king - man + woman',
    });
  });

  it('accepts operators without spaces', () => {
    const e = parseExpression('king-man+woman');
    expect(e.kind).toBe('arithmetic');
    expect(e.terms).toEqual<Term[]>([
      { word: 'king', weight: 1, column: 1 },
      { word: 'man', weight: -1, column: 6 },
      { word: 'woman', weight: 1, column: 10 },
    ]);
    expect(e.text).toBe('king - man + woman');
  });

  it('accepts the Unicode minus sign and the en dash as minus', () => {
    const minus = parseExpression('king \u2212 man + woman');
    expect(ww(minus)).toEqual([['king', 1], ['man', -1], ['woman', 1]]);
    expect(minus.text).toBe('king - man + woman');

    const dash = parseExpression('king\u2013man');
    expect(ww(dash)).toEqual([['king', 1], ['man', -1]]);
    expect(dash.terms[1].column).toBe(6);
    expect(dash.text).toBe('king - man');
  });

  it('allows a leading sign', () => {
    expect(ww(parseExpression('-man + woman'))).toEqual([['man', -1], ['woman', 1]]);
    expect(parseExpression('-man + woman').text).toBe('-man + woman');
  });

  it('treats a single negated word as arithmetic, and +word as a neighbour search', () => {
    expect(parseExpression('-king')).toEqual({
      kind: 'arithmetic',
      terms: [{ word: 'king', weight: -1, column: 2 }],
      text: '-king',
    });
    expect(parseExpression('+king')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'king', weight: 1, column: 2 }],
      text: 'king',
    });
  });

  it('parses weights in all number forms', () => {
    expect(ww(parseExpression('2*king - man'))).toEqual([['king', 2], ['man', -1]]);
    expect(ww(parseExpression('2 * king'))).toEqual([['king', 2]]);
    expect(ww(parseExpression('0.5 * x'))).toEqual([['x', 0.5]]);
    expect(ww(parseExpression('.5*x'))).toEqual([['x', 0.5]]);
    expect(ww(parseExpression('1e-1*x'))).toEqual([['x', 0.1]]);
    expect(ww(parseExpression('1E2 *x'))).toEqual([['x', 100]]);
    expect(ww(parseExpression('king - 3*man'))).toEqual([['king', 1], ['man', -3]]);
    expect(ww(parseExpression('-0.25*man'))).toEqual([['man', -0.25]]);
  });

  it('gives a weighted term the column of its word', () => {
    expect(parseExpression('king - 2 * man').terms[1]).toEqual({ word: 'man', weight: -2, column: 12 });
  });

  it('writes weights canonically, only when they are not 1', () => {
    expect(parseExpression('2 * king - man').text).toBe('2*king - man');
    expect(parseExpression('.5*x').text).toBe('0.5*x');
    expect(parseExpression('king - 1e-1*x').text).toBe('king - 0.1*x');
    expect(parseExpression('-2*king').text).toBe('-2*king');
    expect(parseExpression('1*king')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'king', weight: 1, column: 3 }],
      text: 'king',
    });
    expect(parseExpression('2*king').kind).toBe('arithmetic');
  });

  it('reads a number without * as a word', () => {
    expect(parseExpression('1990')).toEqual({
      kind: 'neighbors',
      terms: [{ word: '1990', weight: 1, column: 1 }],
      text: '1990',
    });
    expect(ww(parseExpression('1990 - 2000'))).toEqual([['1990', 1], ['2000', -1]]);
    expect(ww(parseExpression('2*1990'))).toEqual([['1990', 2]]);
    expect(ww(parseExpression('.5'))).toEqual([['.5', 1]]);
    // Not followed by '*', so the '-' in 1e-1 is subtraction.
    expect(ww(parseExpression('1e-1'))).toEqual([['1e', 1], ['1', -1]]);
  });

  it('keeps GloVe-style tokens whole', () => {
    expect(ww(parseExpression("u.s. - 's + $ - & + a_b"))).toEqual([
      ['u.s.', 1],
      ["'s", -1],
      ['$', 1],
      ['&', -1],
      ['a_b', 1],
    ]);
  });

  it('keeps letters of any script and preserves case', () => {
    expect(ww(parseExpression('Москва - Россия + Франция'))).toEqual([
      ['Москва', 1],
      ['Россия', -1],
      ['Франция', 1],
    ]);
    expect(ww(parseExpression('東京 − 日本'))).toEqual([['東京', 1], ['日本', -1]]);
    expect(ww(parseExpression('King - Man'))).toEqual([['King', 1], ['Man', -1]]);
  });

  it('reads quoted words, which may hold operator characters', () => {
    expect(parseExpression('"e-mail"')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'e-mail', weight: 1, column: 1 }],
      text: '"e-mail"',
    });
    expect(parseExpression('2*"e-mail" - letter')).toEqual({
      kind: 'arithmetic',
      terms: [
        { word: 'e-mail', weight: 2, column: 3 },
        { word: 'letter', weight: -1, column: 14 },
      ],
      text: '2*"e-mail" - letter',
    });
    expect(ww(parseExpression('"a:b"+"?"-"x*y"'))).toEqual([['a:b', 1], ['?', 1], ['x*y', -1]]);
    // Quoting a word that does not need it is allowed; the canonical text drops the quotes.
    expect(parseExpression('"king" - man').text).toBe('king - man');
  });

  it('merges repeated words', () => {
    expect(parseExpression('king + king')).toEqual({
      kind: 'arithmetic',
      terms: [{ word: 'king', weight: 2, column: 1 }],
      text: '2*king',
    });
    expect(ww(parseExpression('a - b + c - 0.5*a'))).toEqual([['a', 0.5], ['b', -1], ['c', 1]]);
    // A term that cancels is dropped; one +1 word left is a neighbour search.
    expect(parseExpression('king + queen - queen')).toEqual({
      kind: 'neighbors',
      terms: [{ word: 'king', weight: 1, column: 1 }],
      text: 'king',
    });
    // Floating-point residue counts as cancelled.
    expect(ww(parseExpression('0.1*x + 0.2*x - 0.3*x + y'))).toEqual([['y', 1]]);
    // Case is preserved, so these are different words.
    expect(ww(parseExpression('King + king'))).toEqual([['King', 1], ['king', 1]]);
  });

  it('parses analogies with ?', () => {
    const expected: Expression = {
      kind: 'analogy',
      terms: [
        { word: 'woman', weight: 1, column: 7 },
        { word: 'man', weight: -1, column: 1 },
        { word: 'king', weight: 1, column: 16 },
      ],
      text: 'man : woman :: king : ?',
    };
    expect(parseExpression('man : woman :: king : ?')).toEqual(expected);
    expect(parseExpression('man:woman::king:?')).toEqual({
      ...expected,
      terms: [
        { word: 'woman', weight: 1, column: 5 },
        { word: 'man', weight: -1, column: 1 },
        { word: 'king', weight: 1, column: 12 },
      ],
    });
  });

  it('accepts an analogy without the trailing ": ?"', () => {
    const e = parseExpression('man : woman :: king');
    expect(e.kind).toBe('analogy');
    expect(ww(e)).toEqual([['woman', 1], ['man', -1], ['king', 1]]);
    expect(e.text).toBe('man : woman :: king : ?');
    expect('expect' in e).toBe(false);
  });

  it('parses an analogy with the expected answer', () => {
    expect(parseExpression('paris : france :: rome : italy')).toEqual({
      kind: 'analogy',
      terms: [
        { word: 'france', weight: 1, column: 9 },
        { word: 'paris', weight: -1, column: 1 },
        { word: 'rome', weight: 1, column: 19 },
      ],
      expect: 'italy',
      text: 'paris : france :: rome : italy',
    });
  });

  it('quotes analogy words that need it and merges repeated analogy words', () => {
    const e = parseExpression('"e-mail":letter::"t-shirt":"?"');
    expect(e.text).toBe('"e-mail" : letter :: "t-shirt" : "?"');
    expect(e.expect).toBe('?');
    // b - a + c with a = c: only b is left, but the text keeps the analogy as written.
    const same = parseExpression('a : b :: a : ?');
    expect(same.kind).toBe('analogy');
    expect(ww(same)).toEqual([['b', 1]]);
    expect(same.text).toBe('a : b :: a : ?');
  });
});

describe('parseExpression: errors', () => {
  // [input, message, column], each worked out by hand.
  const cases: Array<[string, string, number]> = [
    ['', 'type a word or an expression such as: king - man + woman', 1],
    ['   \t ', 'type a word or an expression such as: king - man + woman', 1],
    ['king - man +', "expected a word after '+' at column 13", 13],
    ['king - man +   ', "expected a word after '+' at column 16", 16],
    ['king + - man', "expected a word after '+' at column 8", 8],
    ['king \u2212\u2212 man', "expected a word after '\u2212' at column 7", 7],
    ['-', "expected a word after '-' at column 2", 2],
    ['king man', "expected '+' or '-' before 'man' at column 6", 6],
    ['king 2*man', "expected '+' or '-' before '2' at column 6", 6],
    ['king*2', "unexpected '*' at column 5: a weight goes before its word, as in 2*king", 5],
    ['2*king*3', "unexpected '*' at column 7: a weight goes before its word, as in 2*king", 7],
    ['*king', "unexpected '*' at column 1", 1],
    ['2*', "expected a word after '*' at column 3", 3],
    ['2 * - king', "expected a word after '*' at column 5", 5],
    ['2*3*king', "expected a word after '*' at column 3", 3],
    ['0*king', 'a weight cannot be zero at column 1', 1],
    ['king - 0.0 * man', 'a weight cannot be zero at column 8', 8],
    ['1e999*king', "weight '1e999' is too large at column 1", 1],
    ['king ?', "unexpected '?' at column 6", 6],
    ['?', "unexpected '?' at column 1", 1],
    ['ab"cd', 'unclosed quote at column 3', 3],
    ['x + "', 'unclosed quote at column 5', 5],
    ['""', 'empty quotes at column 1', 1],
    ['"new york"', 'a quoted word cannot contain spaces at column 5', 5],
    ['king - king', 'the terms cancel out: nothing is left to search for', 1],
    ['a + 2*b - a - 2*b', 'the terms cancel out: nothing is left to search for', 1],
    ['a : b', "expected '::' at column 6 (an analogy reads a : b :: c : ?)", 6],
    ['a :: b', "unexpected '::' at column 3 (an analogy reads a : b :: c : ?)", 3],
    ['a : b : c', "unexpected ':' at column 7 (an analogy reads a : b :: c : ?)", 7],
    ['a : b :: c : d : e', "unexpected ':' at column 16 (an analogy reads a : b :: c : ?)", 16],
    ['a : b :: c : ? x', "unexpected 'x' at column 16 (an analogy reads a : b :: c : ?)", 16],
    ['a : b :: c :', "expected a word or '?' after ':' at column 13", 13],
    ['a : b :: c : -', "expected a word or '?' after ':' at column 14", 14],
    ['a : :: c', "expected a word after ':' at column 5", 5],
    ['a : b :: ? : d', "expected a word after '::' at column 10", 10],
    ['a : b ::', "expected a word after '::' at column 9", 9],
    [': b :: c', "unexpected ':' at column 1", 1],
    ['a - b : c :: d', "unexpected '-' at column 3 (an analogy reads a : b :: c : ?)", 3],
    ['2*a : b :: c', "unexpected '2' at column 1", 1],
  ];

  it.each(cases)('%j -> %s', (input, message, column) => {
    const error = fail(input);
    expect(error.message).toBe(message);
    expect(error.column).toBe(column);
    expect(error.name).toBe('ExpressionError');
  });

  it('names the column in every positional message', () => {
    for (const [input, , column] of cases) {
      const error = fail(input);
      if (error.message.includes('at column')) {
        expect(error.message).toContain(`at column ${column}`);
      }
    }
  });

  it('is an Error', () => {
    expect(fail('king +')).toBeInstanceOf(Error);
  });

  it('carries a code and the values its message names: the page says the same in English, and in Chinese', () => {
    const say = (locale: 'en' | 'zh', e: ExpressionError) => translatorFor(locale, 'vectors.errors')(e.code, e.params);
    for (const [input, , column] of cases) {
      const error = fail(input);
      expect(EXPRESSION_ERROR_CODES, input).toContain(error.code);
      expect(error.params.column, input).toBe(column);
      // The page's English is the command line's, with typographic quotes.
      expect(say('en', error).replace(/[‘’]/g, "'"), input).toBe(error.message);
      const zh = say('zh', error);
      expect(zh, input).toMatch(/[\u4e00-\u9fff]/);
      if (error.message.includes('at column')) expect(zh, input).toContain(`第 ${column} 列`);
    }
    expect(fail('king 2*man')).toMatchObject({ code: 'expectedSign', params: { token: '2', column: 6 } });
  });

  it('every code has its message in both languages', () => {
    for (const code of EXPRESSION_ERROR_CODES) {
      expect(MESSAGES.en.vectors, code).toHaveProperty(['errors', code]);
      expect(MESSAGES.zh.vectors, code).toHaveProperty(['errors', code]);
    }
  });
});

describe('parseExpression: canonical text round-trips', () => {
  const inputs = [
    'king',
    '  queen ',
    '-king',
    '+king',
    'king - man + woman',
    'king-man+woman',
    'king \u2212 man \u2013 woman',
    '-man + woman',
    '2*king - man',
    '0.5 * x + .25*y - 1e-1*z',
    '1e21*x - 1e-7*y',
    '1990 - 2000 + 3*1999',
    '"e-mail" + "a:b" - "?" + "x*y" - "−"',
    'king + king - man',
    '0.1*x + 0.2*x',
    'a - b + c - 0.5*a',
    'king + queen - queen',
    'man : woman :: king : ?',
    'man:woman::king',
    'paris : france :: rome : italy',
    '"e-mail" : letter :: "t-shirt" : "?"',
    'a : b :: a : ?',
    'Москва - Россия + Франция',
    "u.s. - 's + $",
  ];

  it.each(inputs)('%j', (input) => {
    const e = parseExpression(input);
    const again = parseExpression(e.text);
    const strip = (x: Expression) => ({ ...x, terms: x.terms.map(({ word, weight }) => ({ word, weight })) });
    expect(strip(again)).toEqual(strip(e));
    // Canonical text is a fixed point.
    expect(again.text).toBe(e.text);
  });
});
