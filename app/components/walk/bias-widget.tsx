'use client';
/** Step 4: doctor − man + woman, its five nearest words, and where nurse ranks. */
import { BIAS_EXAMPLE, walkPreset } from '@/lib/walk/analogies';
import { ExpectedRank } from '../expected-rank';
import { VectorWidget, type Ask } from './vector-widget';
import { WordList } from './word-list';

const preset = walkPreset(BIAS_EXAMPLE);

const ask: Ask = async (v) => [await v.query(preset.expression, { k: 5, method: '3cosadd', honest: false, expect: preset.expect })];

export function BiasWidget() {
  return (
    <VectorWidget step="bias" ask={ask}>
      {([result]) => (
        <>
          <p className="font-mono">{result.expression}</p>
          <WordList hits={result.results} marked={[preset.expect]} testId="walk-bias" />
          <ExpectedRank result={result} preset={preset} loadedAll={result.searched === result.total} />
        </>
      )}
    </VectorWidget>
  );
}
