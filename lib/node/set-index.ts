/** The listing of vector sets the analogy and map pages read (/data/index.json). */
import type { SetIndex } from '../vectors/set-index';
import { listSets, modelsDir } from './vector-set-reader';

/** Every valid set in `root`, by name and title; broken folders with the reason. */
export async function setIndex(root = modelsDir()): Promise<SetIndex> {
  const { sets, broken } = await listSets(root);
  // Messages name folders under models/, never this machine's paths.
  return { sets: sets.map((s) => ({ name: s.name, title: s.title })), broken: broken.map((b) => ({ name: b.name, error: b.error.replaceAll(root, 'models') })) };
}
