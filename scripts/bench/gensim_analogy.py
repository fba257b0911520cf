#!/usr/bin/python3
"""gensim peer for the analogy benchmark: gensim 4.x on exactly our vectors.

Loads a prepared vector set (models/README.md, format `wve-vectors`: vocab.txt + the original
float32 vectors in vectors.f32) into gensim.models.KeyedVectors, keeping the row order, and
prints ONE JSON object to stdout:

  gensim, numpy, python        versions
  load_seconds                 reading vocab.txt + vectors.f32 into KeyedVectors
  3cosadd                      kv.evaluate_word_analogies(QUESTIONS, restrict_vocab=N, case_insensitive=True)
  3cosmul                      the same protocol, line for line, with kv.most_similar_cosmul instead of
                               kv.most_similar (gensim has no 3CosMul evaluation built in)
  single_query                 median / p90 ms of 200 kv.most_similar(positive=[b, c], negative=[a], topn=10)
                               over ALL words (no restrict_vocab), after 5 warm-up queries
  single_query_cosmul          the same with kv.most_similar_cosmul

Each evaluation reports accuracy (correct / attempted of the 'Total accuracy' section, 0..1),
attempted, correct, skipped (question lines in the file minus attempted: the questions with a
word outside the first N words), sections {name: accuracy 0..1}, section_counts
{name: [correct, attempted]} and seconds (wall clock of the evaluation alone).

3CosMul and restrict_vocab: gensim 4.2.0's most_similar_cosmul accepts `restrict_vocab` but
ignores it (it always scores every row of kv.vectors). So the 3CosMul evaluation runs on a second
KeyedVectors holding only the first N words (same vectors, same order); questions with a word
outside them are skipped exactly as evaluate_word_analogies skips them.

RUN IT WITH DEBIAN'S PYTHON. Debian's gensim (apt-get install -y python3-gensim, 4.2.0 on
bookworm) is installed for /usr/bin/python3 only; `python3` on PATH may be another interpreter
(e.g. a pyenv Python in /root/.pyenv) that cannot import it:

  /usr/bin/python3 scripts/bench/gensim_analogy.py > /tmp/gensim-bench.json
  /usr/bin/python3 scripts/bench/gensim_analogy.py --skip-cosmul
  /usr/bin/python3 scripts/bench/gensim_analogy.py --only single

Options:
  --questions PATH  analogy questions (default <project>/../shared/data/questions-words.txt)
  --set-dir PATH    vector set folder (default <project>/models/glove-6b-100d)
  --vocab N         restrict_vocab for the evaluations (default 300000)
  --skip-cosmul     skip the 3CosMul evaluation (the slowest part)
  --only WHAT       run only one part: single (both single-query timings), 3cosadd or 3cosmul

Standard library + numpy + gensim only. Progress and warnings go to stderr; stdout is the JSON.
"""

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

GENSIM_MISSING = "gensim not found for this Python: apt-get install -y python3-gensim, then run with /usr/bin/python3"

try:
    import numpy as np
    import gensim
    from gensim.models import KeyedVectors
except ImportError as err:  # numpy comes with python3-gensim, so one message covers both
    print(f"{GENSIM_MISSING}\n(this is {sys.executable}; import failed: {err})", file=sys.stderr)
    sys.exit(2)

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = PROJECT.parent / 'shared/data/questions-words.txt'
DEFAULT_SET_DIR = PROJECT / 'models/glove-6b-100d'

SINGLE_QUERIES = 200
WARMUP_QUERIES = 5


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def load_set(set_dir):
    """KeyedVectors with the set's words in file order and its original float32 vectors."""
    set_dir = Path(set_dir)
    manifest_path = set_dir / 'manifest.json'
    manifest = json.loads(manifest_path.read_text(encoding='utf-8')) if manifest_path.exists() else {}
    text = (set_dir / 'vocab.txt').read_text(encoding='utf-8')
    words = text.split('\n')
    if words and words[-1] == '':
        words.pop()  # vocab.txt is \n-terminated
    raw = np.fromfile(set_dir / 'vectors.f32', dtype='<f4')
    if raw.size % len(words):
        raise SystemExit(f"{set_dir}: vectors.f32 has {raw.size} floats, not a multiple of {len(words)} words")
    dims = raw.size // len(words)
    if manifest.get('dims', dims) != dims or manifest.get('count', len(words)) != len(words):
        raise SystemExit(f"{set_dir}: manifest says {manifest.get('count')} x {manifest.get('dims')}, "
                         f"files hold {len(words)} x {dims}")
    vectors = raw.reshape(len(words), dims).astype(np.float32, copy=False)
    return words, vectors


def make_kv(words, vectors):
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(words, vectors)
    # add_vectors silently drops repeated keys, which would shift every later row: check the order held
    if len(kv) != len(words) or kv.index_to_key[-1] != words[-1] or kv.vectors.shape != vectors.shape:
        raise SystemExit("KeyedVectors did not keep the word order (duplicate words in vocab.txt?)")
    return kv


def count_questions(path):
    """Question lines as evaluate_word_analogies counts them (quadruplets_no): lines that are not
    ': section' headers and split into exactly 4 words; plus the 14 section names in order."""
    total, names = 0, []
    with open(path, 'rb') as fin:
        for line in fin:
            line = line.decode('utf-8')
            if line.startswith(': '):
                names.append(line.lstrip(': ').strip())
            elif len(line.split()) == 4:
                total += 1
    return total, names


def summarise(sections, question_lines, seconds):
    """The fields we report from evaluate_word_analogies' sections list (last one = 'Total accuracy')."""
    *named, total = sections
    assert total['section'] == 'Total accuracy'
    correct, incorrect = len(total['correct']), len(total['incorrect'])
    attempted = correct + incorrect

    def acc(s):
        n = len(s['correct']) + len(s['incorrect'])
        return len(s['correct']) / n if n else None

    return {
        'accuracy': correct / attempted if attempted else None,
        'attempted': attempted,
        'correct': correct,
        'skipped': question_lines - attempted,
        'sections': {s['section']: acc(s) for s in named},
        'section_counts': {s['section']: [len(s['correct']), len(s['correct']) + len(s['incorrect'])] for s in named},
        'seconds': round(seconds, 3),
    }


def evaluate_word_analogies_cosmul(kv, analogies, restrict_vocab=300000, case_insensitive=True):
    """KeyedVectors.evaluate_word_analogies of gensim 4.2.0 (keyedvectors.py lines 1330-1408),
    same protocol line for line, with most_similar_cosmul in place of most_similar at line 1375.

    most_similar_cosmul ignores restrict_vocab, so pass a `kv` that holds only the first
    `restrict_vocab` words: then the candidates are exactly the words gensim's 3CosAdd search sees.
    """
    if len(kv) > restrict_vocab:
        raise ValueError("most_similar_cosmul ignores restrict_vocab: pass a KeyedVectors cut to it")
    ok_keys = kv.index_to_key[:restrict_vocab]
    if case_insensitive:
        ok_vocab = {k.upper(): kv.get_index(k) for k in reversed(ok_keys)}
    else:
        ok_vocab = {k: kv.get_index(k) for k in reversed(ok_keys)}
    sections, section = [], None
    done = 0
    with open(analogies, 'rb') as fin:
        for line_no, line in enumerate(fin):
            line = line.decode('utf-8')
            if line.startswith(': '):
                if section:
                    sections.append(section)
                section = {'section': line.lstrip(': ').strip(), 'correct': [], 'incorrect': []}
                continue
            if not section:
                raise ValueError("Missing section header before line #%i in %s" % (line_no, analogies))
            try:
                if case_insensitive:
                    a, b, c, expected = [word.upper() for word in line.split()]
                else:
                    a, b, c, expected = [word for word in line.split()]
            except ValueError:
                continue
            if a not in ok_vocab or b not in ok_vocab or c not in ok_vocab or expected not in ok_vocab:
                continue
            original_key_to_index = kv.key_to_index
            kv.key_to_index = ok_vocab
            ignore = {a, b, c}
            predicted = None
            try:
                sims = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5, restrict_vocab=restrict_vocab)
            finally:
                kv.key_to_index = original_key_to_index
            for element in sims:
                predicted = element[0].upper() if case_insensitive else element[0]
                if predicted in ok_vocab and predicted not in ignore:
                    break
            if predicted == expected:
                section['correct'].append((a, b, c, expected))
            else:
                section['incorrect'].append((a, b, c, expected))
            done += 1
            if done % 2000 == 0:
                log(f"  3cosmul: {done} questions")
    if section:
        sections.append(section)
    total = {
        'section': 'Total accuracy',
        'correct': list(itertools.chain.from_iterable(s['correct'] for s in sections)),
        'incorrect': list(itertools.chain.from_iterable(s['incorrect'] for s in sections)),
    }
    sections.append(total)
    return sections


def first_attempted(path, kv, restrict_vocab, count):
    """The first `count` questions the evaluation attempts (all four words, upper-cased, among the
    first `restrict_vocab` words), as lower-cased (a, b, c)."""
    ok = {k.upper() for k in kv.index_to_key[:restrict_vocab]}
    out = []
    with open(path, 'rb') as fin:
        for line in fin:
            line = line.decode('utf-8')
            if line.startswith(': '):
                continue
            words = line.split()
            if len(words) != 4 or not all(w.upper() in ok for w in words):
                continue
            a, b, c, _ = [w.lower() for w in words]
            out.append((a, b, c))
            if len(out) == count:
                break
    return out


def time_queries(fn, queries):
    for a, b, c in queries[:WARMUP_QUERIES]:
        fn(positive=[b, c], negative=[a], topn=10)
    ms = []
    for a, b, c in queries:
        t = time.perf_counter()
        fn(positive=[b, c], negative=[a], topn=10)
        ms.append((time.perf_counter() - t) * 1000)
    return {
        'queries': len(ms),
        'warmup': WARMUP_QUERIES,
        'median_ms': round(statistics.median(ms), 3),
        'p90_ms': round(float(np.percentile(ms, 90)), 3),  # numpy's default linear interpolation
        'min_ms': round(min(ms), 3),
        'max_ms': round(max(ms), 3),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--questions', default=str(DEFAULT_QUESTIONS))
    ap.add_argument('--set-dir', default=str(DEFAULT_SET_DIR))
    ap.add_argument('--vocab', type=int, default=300000)
    ap.add_argument('--skip-cosmul', action='store_true')
    ap.add_argument('--only', choices=['single', '3cosadd', '3cosmul'])
    args = ap.parse_args()
    if args.vocab < 1:
        ap.error('--vocab must be positive')
    if not Path(args.questions).exists():
        print(f"questions file not found: {args.questions} (the Google analogy set questions-words.txt; "
              "pass --questions PATH)", file=sys.stderr)
        return 2

    run_add = args.only in (None, '3cosadd')
    run_mul = args.only == '3cosmul' or (args.only is None and not args.skip_cosmul)
    run_single = args.only in (None, 'single')

    t = time.perf_counter()
    words, vectors = load_set(args.set_dir)
    kv = make_kv(words, vectors)
    load_seconds = time.perf_counter() - t
    vocab = min(args.vocab, len(kv))
    log(f"loaded {len(kv)} x {kv.vector_size} from {args.set_dir} in {load_seconds:.1f} s")

    question_lines, _ = count_questions(args.questions)
    out = {
        'gensim': gensim.__version__,
        'numpy': np.__version__,
        'python': platform.python_version(),
        'python_executable': sys.executable,
        'cpus': os.cpu_count(),
        'set_dir': str(Path(args.set_dir).resolve()),
        'words': len(kv),
        'dims': kv.vector_size,
        'questions': str(Path(args.questions).resolve()),
        'question_lines': question_lines,
        'vocab': vocab,
        'load_seconds': round(load_seconds, 3),
    }

    if run_add:
        log(f"3cosadd: kv.evaluate_word_analogies(restrict_vocab={vocab}, case_insensitive=True) ...")
        t = time.perf_counter()
        _, sections = kv.evaluate_word_analogies(args.questions, restrict_vocab=vocab, case_insensitive=True)
        seconds = time.perf_counter() - t
        out['3cosadd'] = summarise(sections, question_lines, seconds)
        log(f"  {out['3cosadd']['accuracy']:.4%} of {out['3cosadd']['attempted']} in {seconds:.1f} s")

    if run_mul:
        log(f"3cosmul: evaluate_word_analogies protocol with most_similar_cosmul on the first {vocab} words ...")
        kv_cut = kv if vocab == len(kv) else make_kv(words[:vocab], vectors[:vocab])
        t = time.perf_counter()
        sections = evaluate_word_analogies_cosmul(kv_cut, args.questions, restrict_vocab=vocab, case_insensitive=True)
        seconds = time.perf_counter() - t
        out['3cosmul'] = summarise(sections, question_lines, seconds)
        out['3cosmul']['search'] = f"KeyedVectors of the first {vocab} words (most_similar_cosmul ignores restrict_vocab)"
        log(f"  {out['3cosmul']['accuracy']:.4%} of {out['3cosmul']['attempted']} in {seconds:.1f} s")

    if run_single:
        queries = first_attempted(args.questions, kv, vocab, SINGLE_QUERIES)
        log(f"single queries: {len(queries)} x most_similar / most_similar_cosmul over all {len(kv)} words ...")
        out['single_query'] = {'method': 'most_similar', 'words': len(kv), **time_queries(kv.most_similar, queries)}
        out['single_query_cosmul'] = {'method': 'most_similar_cosmul', 'words': len(kv),
                                      **time_queries(kv.most_similar_cosmul, queries)}

    print(json.dumps(out, indent=2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
