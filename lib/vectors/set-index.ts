/** The set the pages open when the URL names none (GloVe 6B, 100 dimensions, prepared on install). */
export const DEFAULT_SET = 'glove-6b-100d';

/** What /data/index.json holds: the vector sets a page can open, and folders that could not be read. */
export interface SetIndex {
  sets: { name: string; title: string }[];
  broken: { name: string; error: string }[];
}

/** The set of that name when it is listed, else the default when listed, else the first; null for an empty list. */
export function pickSet(index: SetIndex, requested: string | null | undefined, fallback: string): string | null {
  const names = index.sets.map((s) => s.name);
  if (requested && names.includes(requested)) return requested;
  if (names.includes(fallback)) return fallback;
  return names[0] ?? null;
}
