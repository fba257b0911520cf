#!/usr/bin/python3
"""gensim peer for the training benchmark: gensim 4.2's Word2Vec on exactly our token file.

Reads a prepared corpus file (lib/train/corpus-file.ts, format `wve-corpus`: a JSON header, the
words, uint32 sentence ends, uint16/uint32 token ids), trains

    Word2Vec(sg=1, vector_size=DIMS, window=5, negative=5, min_count=5, epochs=EPOCHS,
             workers=THREADS, seed=SEED)

timing build_vocab and train separately, evaluates the Google analogy test set with
KeyedVectors.evaluate_word_analogies (case-insensitive, restrict_vocab 300,000), and prints ONE
JSON object on stdout:

  gensim, numpy, python, fast_version    versions (fast_version >= 0: the compiled routines ran)
  tokens, sentences, vocab               corpus tokens and sentences read, vocabulary size
  vocab_seconds, seconds                 build_vocab, train (wall clock)
  wordsPerSecond                         tokens x epochs / seconds (gensim's own count)
  analogy {accuracy, correct, attempted}
  neighbors {word: [10 nearest]}
  vectors                                with --save DIR: DIR/words.txt and DIR/vectors.f32
                                         (float32, vocabulary order), for overlap measures

RUN IT WITH DEBIAN'S PYTHON (apt-get install -y python3-gensim):

  /usr/bin/python3 scripts/bench/gensim_word2vec.py --corpus models/brown.corpus --seed 1 --save /tmp/g1

Standard library + numpy + gensim only. Progress goes to stderr; stdout is the JSON.
"""

import argparse
import json
import os
import platform
import struct
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(os.path.dirname(HERE))


def read_corpus(path):
    """The sentences (lists of words) of a wve-corpus file."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'WVECORP1':
        sys.exit(f'{path} is not a prepared corpus file (npm run -s train:prepare-brown)')
    (length,) = struct.unpack_from('<I', data, 8)
    header = json.loads(data[12:12 + length].decode('utf-8'))
    pad4 = lambda n: (n + 3) & ~3
    words_at = pad4(12 + length)
    ends_at = pad4(words_at + header['wordBytes'])
    ids_at = ends_at + 4 * header['sentences']
    words = data[words_at:words_at + header['wordBytes']].decode('utf-8').split('\n')
    ends = np.frombuffer(data, dtype='<u4', count=header['sentences'], offset=ends_at)
    ids = np.frombuffer(data, dtype='<u2' if header['idBytes'] == 2 else '<u4', count=header['tokens'], offset=ids_at)
    tokens = [words[i] for i in ids.tolist()]
    sentences = []
    start = 0
    for end in ends.tolist():
        sentences.append(tokens[start:end])
        start = end
    return sentences, header


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(PROJECT, 'models', 'brown.corpus'))
    parser.add_argument('--questions', default=os.path.join(os.path.dirname(PROJECT), 'shared', 'data', 'questions-words.txt'))
    parser.add_argument('--dims', type=int, default=100)
    parser.add_argument('--epochs', type=int, default=5)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--probes', default='king,woman,france,monday,money,good,house,water')
    parser.add_argument('--save', help='folder for words.txt and vectors.f32')
    args = parser.parse_args()

    import gensim
    from gensim.models import Word2Vec
    from gensim.models.word2vec_inner import FAST_VERSION

    sentences, header = read_corpus(args.corpus)
    tokens = sum(len(s) for s in sentences)
    model = Word2Vec(sg=1, vector_size=args.dims, window=5, negative=5, min_count=5, epochs=args.epochs,
                     workers=args.threads, seed=args.seed)
    t0 = time.perf_counter()
    model.build_vocab(sentences)
    vocab_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    seconds = time.perf_counter() - t1
    print(f'gensim: {tokens} tokens x {args.epochs} epochs in {seconds:.1f} s', file=sys.stderr)

    kv = model.wv
    score, sections = kv.evaluate_word_analogies(args.questions, restrict_vocab=300000, case_insensitive=True)
    total = next(s for s in sections if s['section'] == 'Total accuracy')
    neighbors = {w: [n for n, _ in kv.most_similar(w, topn=10)] if w in kv.key_to_index else []
                 for w in args.probes.split(',')}
    result = {
        'gensim': gensim.__version__, 'numpy': np.__version__, 'python': platform.python_version(),
        'fast_version': FAST_VERSION,
        'tokens': tokens, 'sentences': len(sentences), 'vocab': len(kv.index_to_key),
        'dims': args.dims, 'epochs': args.epochs, 'seed': args.seed, 'threads': args.threads,
        'vocab_seconds': round(vocab_seconds, 3), 'seconds': round(seconds, 3),
        'wordsPerSecond': round(tokens * args.epochs / seconds),
        'analogy': {'accuracy': round(score, 5), 'correct': len(total['correct']),
                    'attempted': len(total['correct']) + len(total['incorrect'])},
        'neighbors': neighbors,
    }
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        with open(os.path.join(args.save, 'words.txt'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(kv.index_to_key) + '\n')
        kv.vectors.astype('<f4').tofile(os.path.join(args.save, 'vectors.f32'))
        result['vectors'] = args.save
    print(json.dumps(result))


if __name__ == '__main__':
    main()
