'use client';
/** Step 2: cat's ten nearest words in the loaded vectors, and the ranks of dog, kitten and pet. */
import { NEIGHBOURS_EXAMPLE, walkPreset } from '@/lib/walk/analogies';
import { ExpectedRank } from '../expected-rank';
import { VectorWidget, type Ask } from './vector-widget';
import { WordList } from './word-list';

const preset = walkPreset(NEIGHBOURS_EXAMPLE);

const ask: Ask = async (v) => [await v.query(preset.expression, { k: 10, method: '3cosadd', honest: false, expect: preset.expect, expectAlso: preset.alsoExpect })];

export function NeighboursWidget() {
  return (
    <VectorWidget step="neighbours" ask={ask}>
      {([result]) => (
        <>
          <WordList hits={result.results} marked={[preset.expect, ...(preset.alsoExpect ?? [])]} testId="walk-neighbours" />
          <ExpectedRank result={result} preset={preset} loadedAll={result.searched === result.total} />
        </>
      )}
    </VectorWidget>
  );
}
