/** What the training command lines share: reading a corpus and the analogy questions. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionsFile } from '../lib/node/analogy-questions-file';
import { modelsDir } from '../lib/node/vector-set-reader';
import { BROWN_FILE } from '../lib/train/brown';
import { corpusFromPlainText, corpusFraction, type Corpus } from '../lib/train/corpus';
import { decodeCorpus } from '../lib/train/corpus-file';
import { parseQuestions, type AnalogyQuestion } from '../lib/vectors/analogy-benchmark';

/** The Google analogy test set: WVE_QUESTIONS, else questions-words.txt in the data folder beside the project. */
export const DEFAULT_QUESTIONS = questionsFile(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

export interface LoadedCorpus {
  corpus: Corpus;
  /** "brown" or the file's name. */
  name: string;
  source: string;
  licence: string;
}

/** `brown` (models/brown.corpus) or a plain-text file (one sentence a line), cut to `fraction` (the same sentences whatever the training seed). */
export async function loadCorpus(spec: string, fraction = 1): Promise<LoadedCorpus> {
  let loaded: LoadedCorpus;
  if (spec === 'brown') {
    const file = path.join(modelsDir(), BROWN_FILE);
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run -s train:prepare-brown (npm install does it once)`);
    const { corpus, header } = decodeCorpus(new Uint8Array(await readFile(file)));
    loaded = { corpus, name: 'brown', source: header.source, licence: header.licence };
  } else {
    if (!existsSync(spec)) throw new Error(`corpus file not found: ${spec} (give --corpus brown or the path of a plain-text file, one sentence a line)`);
    loaded = { corpus: corpusFromPlainText(await readFile(spec, 'utf8')), name: path.basename(spec), source: path.basename(spec), licence: 'unknown (your own text)' };
  }
  if (loaded.corpus.ids.length === 0) throw new Error(`${spec} has no tokens with a letter or digit`);
  return { ...loaded, corpus: corpusFraction(loaded.corpus, fraction) };
}

/** The Google analogy questions, with a message that says where to get them when missing. */
export async function loadQuestions(file = DEFAULT_QUESTIONS): Promise<AnalogyQuestion[]> {
  if (!existsSync(file)) {
    throw new Error(
      `questions file not found: ${file}\nIt is the Google analogy test set (questions-words.txt) from the original word2vec distribution; pass its path with --questions FILE or WVE_QUESTIONS.`,
    );
  }
  return parseQuestions(await readFile(file, 'utf8'));
}
