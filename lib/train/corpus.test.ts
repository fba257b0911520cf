import { describe, expect, it } from 'vitest';
import { corpusFraction, corpusFromPlainText, corpusFromTaggedTexts, taggedLineTokens } from './corpus';
import { decodeCorpus, encodeCorpus, readCorpusHeader } from './corpus-file';

// Two short "files" in the Brown corpus's tagged form: indented sentences separated by blank lines.
const FILE_A = [
  '',
  '',
  "\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr ``/`` no/at evidence/nn ''/'' ./.",
  '',
  '',
  "\tThe/at jury/nn said/vbd it/pps did/dod find/vb that/cs 1/2/cd of/in Atlanta's/np$ voters/nns ,/, --/-- ./.",
  '',
].join('\n');
const FILE_B = "\t``/`` ''/'' ;/.\n\n\tJury/nn-hl said/vbd-hl ./.\n";

const sentences = (c: ReturnType<typeof corpusFromTaggedTexts>) => {
  const out: string[][] = [];
  let start = 0;
  for (const end of c.sentenceEnds) {
    out.push(Array.from(c.ids.subarray(start, end), (id) => c.words[id]));
    start = end;
  }
  return out;
};

describe('corpus preparation', () => {
  it('taggedLineTokens drops tags, lower-cases and keeps tokens with a letter or digit', () => {
    expect(taggedLineTokens("\tThe/at 1/2/cd Atlanta's/np$ ,/, ``/`` --/-- ./. Jr./np")).toEqual(['the', '1/2', "atlanta's", 'jr.']);
  });

  it('a hand-made tagged text: sentences, words most frequent first, counts; a sentence of punctuation only is dropped', () => {
    const c = corpusFromTaggedTexts([FILE_A, FILE_B]);
    expect(sentences(c)).toEqual([
      ['the', 'fulton', 'county', 'grand', 'jury', 'said', 'friday', 'no', 'evidence'],
      ['the', 'jury', 'said', 'it', 'did', 'find', 'that', '1/2', 'of', "atlanta's", 'voters'],
      ['jury', 'said'],
    ]);
    expect(c.words.slice(0, 3)).toEqual(['jury', 'said', 'the']); // 3, 3, 2; ties by first appearance
    expect(Array.from(c.counts.slice(0, 4))).toEqual([3, 3, 2, 1]);
    expect(c.ids.length).toBe(22);
    expect(c.counts.reduce((s, n) => s + n, 0)).toBe(22);
  });

  it('plain text: one sentence a line, whitespace tokens, lower-cased, blank lines and punctuation dropped', () => {
    const c = corpusFromPlainText('I like my Coffee with cream and sugar .\n\n  \n-- !\nmy coffee\n');
    expect(sentences(c)).toEqual([['i', 'like', 'my', 'coffee', 'with', 'cream', 'and', 'sugar'], ['my', 'coffee']]);
  });

  it('the token file keeps everything and checks its length', () => {
    const c = corpusFromTaggedTexts([FILE_A, FILE_B]);
    const bytes = encodeCorpus(c, { name: 'test', title: 'T', source: 'S', licence: 'L' });
    const { corpus, header } = decodeCorpus(bytes);
    expect(header).toMatchObject({ name: 'test', tokens: 22, sentences: 3, types: c.words.length, idBytes: 2 });
    expect(corpus).toEqual(c);
    // at an unaligned offset too (a view into a larger buffer)
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeCorpus(shifted.subarray(1)).corpus).toEqual(c);
    expect(() => readCorpusHeader(bytes.subarray(0, bytes.length - 2))).toThrow(/bytes where its header says/);
    expect(() => readCorpusHeader(new TextEncoder().encode('hello world, not a corpus'))).toThrow(/does not start with WVECORP1/);
  });

  it('corpusFraction: nested subsets of whole sentences, in corpus order', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `s${i} w${i % 7} common`);
    const c = corpusFromPlainText(lines.join('\n'));
    const first = (x: typeof c) => sentences(x).map((s) => s[0]);
    const eighth = first(corpusFraction(c, 1 / 8));
    const quarter = first(corpusFraction(c, 1 / 4));
    const half = first(corpusFraction(c, 1 / 2));
    expect([eighth.length, quarter.length, half.length]).toEqual([10, 20, 40]);
    for (const w of eighth) expect(quarter).toContain(w);
    for (const w of quarter) expect(half).toContain(w);
    expect(half).toEqual([...half].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(corpusFraction(c, 1)).toBe(c);
    expect(() => corpusFraction(c, 0)).toThrow(/fraction/);
  });
});
