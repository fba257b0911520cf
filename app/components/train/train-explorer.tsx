'use client';
/** The /train page's client part: the corpus choice and the three training panels, each with its own worker. */
import { useState } from 'react';
import { CorpusPicker, type CorpusChoice } from './corpus-choice';
import { NextWordPanel } from './nextword-panel';
import { ScalingPanel } from './scaling-panel';
import { Word2vecPanel } from './word2vec-panel';

export function TrainExplorer() {
  const [corpus, setCorpus] = useState<CorpusChoice>({ kind: 'brown' });
  // A new text starts every panel afresh (their workers are replaced with the panels).
  const key = corpus.kind === 'brown' ? 'brown' : `${corpus.file.name}:${corpus.file.size}:${corpus.file.lastModified}`;
  return (
    <div className="space-y-8">
      <CorpusPicker choice={corpus} onChange={setCorpus} />
      <Word2vecPanel key={`w2v-${key}`} corpus={corpus} />
      <ScalingPanel key={`scaling-${key}`} corpus={corpus} />
      <NextWordPanel key={`nw-${key}`} corpus={corpus} />
    </div>
  );
}
