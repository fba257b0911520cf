/** Opens a prepared set as an AnalogyEngine in Node (CLI tools and benchmarks). */
import { AnalogyEngine } from '../vectors/analogy';
import { createScorer } from '../vectors/kernel/scorer';
import { VectorStore } from '../vectors/store';
import { DEFAULT_SET, loadVectorSet } from './vector-set-reader';

export async function openEngine(name = DEFAULT_SET): Promise<AnalogyEngine> {
  const set = await loadVectorSet(name);
  const { manifest } = set;
  const scorer = await createScorer(manifest.count, manifest.dims);
  return new AnalogyEngine(VectorStore.complete(manifest, set.words, set.q, set.scales, scorer));
}
