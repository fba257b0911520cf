/** Printing query results for the CLI tools: JSON (the contract) and a readable table. */
import { ExpressionError } from '../lib/expression/parse';
import { UnknownWordError, type QueryResult } from '../lib/vectors/analogy';

export function toJson(r: QueryResult) {
  return {
    expression: r.expression,
    kind: r.kind,
    method: r.method,
    honest: r.honest,
    results: r.results.map((h) => ({ word: h.word, score: round(h.score), ...(h.input ? { input: true } : {}) })),
    inputs: r.inputs.map((i) => ({ word: i.word, weight: i.weight, rank: i.rank, score: round(i.score) })),
    ...(r.expected ? { expected: { ...r.expected, score: r.expected.score === null ? null : round(r.expected.score) } } : {}),
    lowercased: r.lowercased,
    searched: r.searched,
    ms: round(r.ms, 2),
  };
}

/** Runs a query; with --json, its error is also printed as {"error":…} on stdout before it propagates (exit 1). */
export function withJsonErrors<T>(json: boolean, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (json) printJsonError(e);
    throw e;
  }
}

/** The async form of withJsonErrors (e.g. a bad word list, a map that fails). */
export async function withJsonErrorsAsync<T>(json: boolean, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (json) printJsonError(e);
    throw e;
  }
}

/** {"error", "word", "column", "suggestions"} for an unknown word, {"error", "column"} for an expression error, else {"error"}. */
function printJsonError(e: unknown): void {
  if (e instanceof UnknownWordError) console.log(JSON.stringify({ error: e.message, word: e.word, column: e.column, suggestions: e.suggestions }));
  else if (e instanceof ExpressionError) console.log(JSON.stringify({ error: e.message, column: e.column }));
  else console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
}

export function printResult(r: QueryResult): void {
  console.log(`${r.expression}   (${r.method}${r.honest ? ', honest' : ''}${r.lowercased ? ', input lower-cased' : ''})`);
  const width = Math.max(...r.results.map((h) => h.word.length), 4);
  for (const h of r.results) {
    const bar = '█'.repeat(Math.max(0, Math.round(h.score * 20)));
    console.log(`${String(h.rank).padStart(3)}. ${h.word.padEnd(width)} ${h.score.toFixed(4)} ${bar}${h.input ? '  (input word)' : ''}`);
  }
  if (r.kind !== 'neighbors') console.log(`input words rank: ${r.inputs.map((i) => `${i.word} #${i.rank}`).join(', ')}`);
  if (r.expected) console.log(`expected "${r.expected.word}": ${r.expected.rank === null ? r.expected.reason : `rank ${r.expected.rank}`}`);
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}
