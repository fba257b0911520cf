/**
 * The map's search box: a prefix ("kin" finds king, kingdom…) or, between slashes, a regular
 * expression ("/^k.*g$/", flags after the closing slash: "/^K/i"). Parsing never throws: a bad
 * pattern comes back as an `invalid` search with a message for the reader.
 */

export type WordSearch =
  | { kind: 'empty' }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'regex'; pattern: RegExp }
  /** `message` in English; `code` and `params` for the page to say it in the reader's language. */
  | { kind: 'invalid'; message: string; code: WordSearchProblem; params?: Record<string, string | number> };

/** Why a search pattern is refused (the page's message is map.search.problems.<code>). */
export const WORD_SEARCH_PROBLEMS = ['unclosedRegex', 'emptyRegex', 'regexTooLong', 'badFlags', 'badRegex'] as const;
export type WordSearchProblem = (typeof WORD_SEARCH_PROBLEMS)[number];

/** Flags a search pattern may carry: case-insensitive, dot-all, Unicode. `g` and `y` make `test` stateful, so they are refused. */
const ALLOWED_FLAGS = /^[isu]*$/;
/** Longest pattern accepted (a longer one is almost certainly pasted by mistake). */
export const MAX_PATTERN = 200;

/** Reads the search box's text. Prefix searches ignore case; a regular expression is taken as written. */
export function parseWordSearch(text: string): WordSearch {
  const t = text.trim();
  if (!t) return { kind: 'empty' };
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(t);
  if (!slashed) {
    if (t.startsWith('/')) {
      const example = `/${t.slice(1) || '^k.*g$'}/`;
      return { kind: 'invalid', message: `a regular expression needs a closing slash, e.g. ${example}`, code: 'unclosedRegex', params: { example } };
    }
    return { kind: 'prefix', prefix: t.toLowerCase() };
  }
  const [, source, flags] = slashed;
  if (!source) return { kind: 'invalid', message: 'the regular expression is empty: type a pattern between the slashes, e.g. /^k.*g$/', code: 'emptyRegex' };
  if (source.length > MAX_PATTERN) return { kind: 'invalid', message: `the regular expression has ${source.length} characters; at most ${MAX_PATTERN}`, code: 'regexTooLong', params: { length: source.length, max: MAX_PATTERN } };
  if (!ALLOWED_FLAGS.test(flags)) return { kind: 'invalid', message: `unsupported flags "${flags}": use i (ignore case), s or u`, code: 'badFlags', params: { flags } };
  try {
    return { kind: 'regex', pattern: new RegExp(source, flags) };
  } catch (e) {
    // The engine's own wording ("Invalid regular expression: /(/: Unterminated group"), trimmed of its prefix.
    const reason = (e as Error).message.replace(/^Invalid regular expression:\s*/i, '');
    return { kind: 'invalid', message: `invalid regular expression: ${reason}`, code: 'badRegex', params: { reason } };
  }
}

/** Whether `word` matches a parsed search (an empty or invalid search matches nothing). */
export function wordMatches(word: string, search: WordSearch): boolean {
  switch (search.kind) {
    case 'prefix':
      return word.toLowerCase().startsWith(search.prefix);
    case 'regex':
      return search.pattern.test(word);
    default:
      return false;
  }
}

/** Indices of the words that match, in map order; null when there is no (valid) search. */
export function matchWords(words: readonly string[], search: WordSearch): number[] | null {
  if (search.kind !== 'prefix' && search.kind !== 'regex') return null;
  const out: number[] = [];
  words.forEach((w, i) => {
    if (wordMatches(w, search)) out.push(i);
  });
  return out;
}
