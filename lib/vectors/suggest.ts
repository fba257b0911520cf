/**
 * "Did you mean" suggestions for words that are not in a vector set's vocabulary.
 *
 * Plain TypeScript with no Node or DOM APIs, so it runs in the browser worker and in Node.
 * Distances count Unicode code points, so `café`/`cafe` and two different emoji differ by 1.
 *
 * The search is a dynamic-programming scan, made fast three ways: only words whose length is
 * within the distance bound are visited (length buckets); only the diagonal band of the matrix
 * that can stay within the bound is computed, with an early exit once a row exceeds it; and each
 * bucket is sorted so that words sharing a prefix share its rows, and a prefix that already
 * exceeds the bound rules out every word that starts with it (a trie walk without the trie).
 */

/** Stands for "more than any bound": cells outside the band, and rows that are out of reach. */
const FAR = 0x3fffffff;
/** Longest shared prefix recorded per word; capping only loses sharing, never correctness. */
const MAX_SHARED = 255;

/** A string as code points: one array element per character, whatever its UTF-16 length. */
function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    out[n++] = c;
    if (c > 0xffff) i++; // skip the low surrogate
  }
  return n === s.length ? out : out.slice(0, n);
}

/**
 * True for lower-case ASCII, most of a vocabulary: such a word needs neither toLowerCase()
 * nor a code point count, and this scan is several times cheaper than those on 400k words.
 */
function isLowerAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return false;
  }
  return true;
}

/** Matches a UTF-16 surrogate: strings without one have as many code points as code units. */
const SURROGATE = /[\uD800-\uDFFF]/;

function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Cell (i, j) of the matrix (rows over the m candidate code points, columns over the n query
 * code points) lies on diagonal t = i - j. An alignment through it has cost at least |t| to get
 * there and |(m - n) - t| more to finish, so under a bound k only diagonals with
 * |t| + |m - n - t| <= k matter: [ceil((m-n-k)/2), floor((m-n+k)/2)]. For k = 2 and equal
 * lengths that is three diagonals instead of five. Needs |m - n| <= k.
 */
function lowestDiagonal(delta: number, k: number): number {
  return Math.ceil((delta - k) / 2);
}

function highestDiagonal(delta: number, k: number): number {
  return Math.floor((delta + k) / 2);
}

/** Sets row 0 of the matrix `d` (n + 1 columns) for diagonals down to `tMin` (<= 0). */
function firstRow(d: Int32Array, n: number, tMin: number): void {
  const hi = Math.min(n, -tMin);
  for (let j = 0; j <= hi; j++) d[j] = j;
  if (hi < n) d[hi + 1] = FAR;
}

/**
 * Fills row i (1-based candidate position) of the optimal-string-alignment matrix within
 * diagonals [tMin, tMax] and returns the smallest lower bound on the final distance through
 * this row: min over its cells of d[i][j] + |delta - (i - j)|, delta = m - n.
 *
 * Rows i, i-1 and i-2 start at offsets `row`, `up` and `up2` of `d` (the caller chooses: a
 * whole matrix to share prefixes, or three rows in rotation). `c` is the candidate's i-th code
 * point and `cPrev` its (i-1)-th; rows i-1 and i-2 must already hold this candidate's prefix.
 * The cells just outside the band are set to FAR because the next row reads them; out-of-band
 * cells cannot be on an alignment within the bound, so treating them as unreachable leaves
 * every in-bound result exact.
 */
function fillRow(
  d: Int32Array,
  row: number,
  up: number,
  up2: number,
  query: Int32Array,
  n: number,
  delta: number,
  tMin: number,
  tMax: number,
  i: number,
  c: number,
  cPrev: number,
): number {
  const lo = i > tMax ? i - tMax : 1;
  const hi = i - tMin < n ? i - tMin : n;
  // Column lo-1 is this row's column 0 (distance i) or the FAR cell left of the band.
  const left = i > tMax ? FAR : i;
  d[row + lo - 1] = left;
  let min = left === FAR ? FAR : left + Math.abs(delta - i);
  for (let j = lo; j <= hi; j++) {
    const q = query[j - 1];
    let v = d[up + j - 1] + (c === q ? 0 : 1);
    const del = d[up + j] + 1;
    if (del < v) v = del;
    const ins = d[row + j - 1] + 1;
    if (ins < v) v = ins;
    if (i > 1 && j > 1 && c === query[j - 2] && cPrev === q) {
      const swap = d[up2 + j - 2] + 1;
      if (swap < v) v = swap;
    }
    d[row + j] = v;
    const rest = delta - i + j;
    const bound = v + (rest < 0 ? -rest : rest);
    if (bound < min) min = bound;
  }
  if (hi < n) d[row + hi + 1] = FAR;
  // Callers stop once this exceeds the bound. Every step of an alignment keeps or raises the
  // bound, and a transposition that skips row i lands on d[i-1][j-2] + 1 >= d[i][j-1] on the
  // same diagonal, so no later cell can come back under it.
  return min;
}

/**
 * Damerau-Levenshtein distance in its optimal string alignment form (insertions, deletions,
 * substitutions and transpositions of adjacent characters, no substring edited twice),
 * counted in Unicode code points and case-sensitive.
 *
 * With `maxDistance`, returns `maxDistance + 1` as soon as the distance is known to exceed it
 * (so a bounded call is cheap for dissimilar strings).
 *
 * @throws RangeError if `maxDistance` is not a non-negative integer or Infinity.
 */
export function editDistance(a: string, b: string, maxDistance: number = Infinity): number {
  if (!(maxDistance === Infinity || (Number.isInteger(maxDistance) && maxDistance >= 0))) {
    throw new RangeError(`maxDistance must be a non-negative integer, got ${maxDistance}`);
  }
  const query = codePoints(a);
  const candidate = codePoints(b);
  const n = query.length;
  const m = candidate.length;
  // The distance never exceeds the longer length, so that band is wide enough to be exact.
  const k = Math.min(maxDistance, Math.max(n, m));
  if (Math.abs(n - m) > k) return maxDistance + 1;

  const delta = m - n;
  const tMin = lowestDiagonal(delta, k);
  const tMax = highestDiagonal(delta, k);
  // Three rows in rotation (row i at (i % 3) * width): memory stays linear in the length.
  const width = n + 1;
  const d = new Int32Array(3 * width);
  firstRow(d, n, tMin);
  for (let i = 1; i <= m; i++) {
    const row = (i % 3) * width;
    const up = ((i + 2) % 3) * width;
    const up2 = ((i + 1) % 3) * width;
    const c = candidate[i - 1];
    const cPrev = i > 1 ? candidate[i - 2] : -1;
    const min = fillRow(d, row, up, up2, query, n, delta, tMin, tMax, i, c, cPrev);
    if (min > k) return maxDistance + 1;
  }
  const distance = d[(m % 3) * width + n];
  return distance > maxDistance ? maxDistance + 1 : distance;
}

/** Words of one lower-cased length (in code points), sorted so that shared prefixes are adjacent. */
interface Bucket {
  /** Vocabulary index of each slot. */
  ids: Int32Array;
  /** Code points of the lower-cased words, `length` per slot, stored flat for a cache-friendly scan. */
  codes: Uint16Array | Int32Array;
  /** Length of the prefix each slot shares with the previous slot (0 for the first), capped. */
  shared: Uint8Array;
}

/** The most edits a suggestion may be away from the query: more for longer words, never above 2. */
function maxDistanceFor(length: number): number {
  return length >= 5 ? 2 : 1;
}

/**
 * Lexicographic order of the `count` words of one bucket by LSD radix sort, one byte of one
 * position per pass: linear time, where a comparison sort of 341k GloVe strings took over a second.
 */
function radixOrder(codes: Uint16Array | Int32Array, count: number, length: number, bytes: number): Int32Array {
  let order = new Int32Array(count);
  for (let s = 0; s < count; s++) order[s] = s;
  let next = new Int32Array(count);
  // One 256-entry tally per byte, all counted in a single pass per position.
  const tallies = new Int32Array(256 * bytes);
  for (let pos = length - 1; pos >= 0; pos--) {
    tallies.fill(0);
    for (let s = 0; s < count; s++) {
      const code = codes[order[s] * length + pos];
      for (let byte = 0; byte < bytes; byte++) tallies[256 * byte + ((code >>> (8 * byte)) & 255)]++;
    }
    const first = codes[order[0] * length + pos];
    for (let byte = 0; byte < bytes; byte++) {
      const shift = 8 * byte;
      const tally = tallies.subarray(256 * byte, 256 * byte + 256);
      // One value everywhere (e.g. the high byte of ASCII): this pass would change nothing.
      if (tally[(first >>> shift) & 255] === count) continue;
      let start = 0;
      for (let v = 0; v < 256; v++) {
        const t = tally[v];
        tally[v] = start;
        start += t;
      }
      for (let s = 0; s < count; s++) {
        const slot = order[s];
        next[tally[(codes[slot * length + pos] >>> shift) & 255]++] = slot;
      }
      const swap = order;
      order = next;
      next = swap;
    }
  }
  return order;
}

/**
 * A "did you mean" index over one vocabulary, built once and queried per unknown word.
 * Comparison is case-insensitive; ranking is by edit distance, then by frequency
 * (vocabulary order, index 0 = most frequent).
 */
export class SpellingIndex {
  private readonly words: readonly string[];
  /** buckets[length] holds the words whose lower-cased form has that many code points. */
  private readonly buckets: Array<Bucket | undefined> = [];

  /**
   * Buckets the words by lower-cased length and sorts each bucket (linear-time radix sort);
   * `words` is kept by reference and must not change afterwards.
   */
  constructor(words: readonly string[]) {
    this.words = words;
    const count = words.length;
    const lowered = new Array<string>(count);
    const lengths = new Int32Array(count);
    const sizes: number[] = [];
    const astral: boolean[] = [];
    for (let id = 0; id < count; id++) {
      const word = words[id];
      const plain = isLowerAscii(word);
      const lower = plain ? word : word.toLowerCase();
      const len = plain ? word.length : codePointLength(lower);
      lowered[id] = lower;
      lengths[id] = len;
      sizes[len] = (sizes[len] ?? 0) + 1;
      if (len !== lower.length) astral[len] = true;
    }

    // Fill each bucket in vocabulary order...
    const unsorted: Array<{ ids: Int32Array; codes: Uint16Array | Int32Array } | undefined> = [];
    const filled: number[] = [];
    for (let len = 0; len < sizes.length; len++) {
      const size = sizes[len];
      if (!size) continue;
      // Nearly every word is in the Basic Multilingual Plane: half the memory of Int32Array.
      unsorted[len] = {
        ids: new Int32Array(size),
        codes: astral[len] ? new Int32Array(size * len) : new Uint16Array(size * len),
      };
      filled[len] = 0;
    }
    for (let id = 0; id < count; id++) {
      const len = lengths[id];
      const bucket = unsorted[len]!;
      const slot = filled[len]++;
      bucket.ids[slot] = id;
      const lower = lowered[id];
      const base = slot * len;
      const codes = bucket.codes;
      if (astral[len]) codes.set(codePoints(lower), base);
      else for (let i = 0; i < len; i++) codes[base + i] = lower.charCodeAt(i);
    }

    // ...then sort it, so that words with a common prefix sit together and share DP rows.
    for (let len = 0; len < unsorted.length; len++) {
      const bucket = unsorted[len];
      if (!bucket) continue;
      const size = bucket.ids.length;
      const order = radixOrder(bucket.codes, size, len, astral[len] ? 3 : 2);
      const ids = new Int32Array(size);
      const codes = astral[len] ? new Int32Array(size * len) : new Uint16Array(size * len);
      const shared = new Uint8Array(size);
      const source = bucket.codes;
      for (let s = 0; s < size; s++) {
        const from = order[s];
        ids[s] = bucket.ids[from];
        for (let i = 0; i < len; i++) codes[s * len + i] = source[from * len + i];
        if (s > 0) {
          const limit = Math.min(len, MAX_SHARED);
          let p = 0;
          while (p < limit && codes[s * len + p] === codes[(s - 1) * len + p]) p++;
          shared[s] = p;
        }
      }
      this.buckets[len] = { ids, codes, shared };
    }
  }

  /**
   * Up to `limit` distinct vocabulary words close to `word`: within edit distance 1, or 2 when
   * `word` has at least 5 characters. Closer words come first, then more frequent ones.
   * Case variants (distance 0) count as close; the exact input string is never returned.
   */
  suggest(word: string, limit = 5): string[] {
    const max = Math.floor(limit);
    const query = codePoints(word.toLowerCase());
    const n = query.length;
    if (n === 0 || !(max > 0)) return [];
    const k = maxDistanceFor(n);
    const width = n + 1;

    // One list of word ids per distance; each is sorted by id afterwards to rank by frequency.
    const byDistance: number[][] = [];
    for (let dist = 0; dist <= k; dist++) byDistance.push([]);

    const d = new Int32Array((n + k + 1) * width);

    // Only lengths within k of the query can be within k edits.
    for (let len = Math.max(0, n - k); len <= n + k; len++) {
      const bucket = this.buckets[len];
      if (!bucket) continue;
      const { ids, codes, shared } = bucket;
      const delta = len - n;
      const tMin = lowestDiagonal(delta, k);
      const tMax = highestDiagonal(delta, k);
      firstRow(d, n, tMin);
      // Rows 1..shared[slot] of the matrix already hold this word's prefix: they were filled
      // for the last word computed, which ran at least that far (to its end, or to deadFrom,
      // which is above shared[slot] or the word would have been skipped).
      let deadFrom = FAR; // the last computed word's prefix of this length exceeded k
      for (let slot = 0; slot < ids.length; slot++) {
        const common = shared[slot];
        // Shares the dead prefix (the chain of shared lengths never drops below it): skip.
        if (common >= deadFrom) continue;
        deadFrom = FAR;
        const base = slot * len - 1; // codes[base + i] is the i-th (1-based) code point
        for (let i = common + 1; i <= len; i++) {
          const row = i * width;
          const c = codes[base + i];
          const cPrev = i > 1 ? codes[base + i - 1] : -1;
          const min = fillRow(d, row, row - width, row - 2 * width, query, n, delta, tMin, tMax, i, c, cPrev);
          if (min > k) {
            deadFrom = i;
            break;
          }
        }
        if (deadFrom !== FAR) continue;
        const dist = d[len * width + n];
        if (dist <= k) byDistance[dist].push(ids[slot]);
      }
    }

    const out: string[] = [];
    const seen = new Set<string>([word]);
    for (const ids of byDistance) {
      ids.sort((x, y) => x - y);
      for (const id of ids) {
        const candidate = this.words[id];
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        out.push(candidate);
        if (out.length >= max) return out;
      }
    }
    return out;
  }
}
