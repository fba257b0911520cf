/**
 * Ready-made maps for the claims of the article: neighbourhoods, groups that separate, analogy
 * parallelograms, and the classic gender axis. Each is a URL query for the map page.
 */
import { stateFromSearch, type MapState } from './map-state';

export interface MapPreset {
  id: string;
  label: string;
  /** URL search parameters of the map page (see lib/maps/map-state.ts). */
  query: Record<string, string>;
  /** What the view shows, and what it does not. */
  note?: string;
}

export const MAP_PRESETS: MapPreset[] = [
  { id: 'king', label: 'Neighbours of king', query: { words: 'neighbors:king:500', method: 'umap' } },
  {
    id: 'groups',
    label: 'Countries, capitals, animals',
    query: {
      words:
        'groups:countries=france,germany,italy,spain,japan,china,russia,egypt,greece,poland,canada,brazil,india,mexico,kenya;capitals=paris,berlin,rome,madrid,tokyo,beijing,moscow,cairo,athens,warsaw,ottawa,brasilia,delhi,nairobi;animals=dog,cat,horse,cow,lion,tiger,elephant,mouse,rabbit,wolf,bear,sheep,goat,monkey,fox',
      method: 'pca',
    },
  },
  {
    id: 'gender-pairs',
    label: 'Parallelograms: man → woman',
    query: { words: 'list:man,woman,king,queen,uncle,aunt,brother,sister,nephew,niece,father,mother,son,daughter,boy,girl', method: 'pca', overlay: 'gender' },
    note: 'Each arrow joins a male word to its female counterpart. If the arrows are roughly parallel and of similar length, the same offset vector turns one into the other — which is why king − man + woman lands near queen. PCA keeps only a few percent of 100 dimensions, so parallel-looking arrows here are suggestive, not proof: the analogy page measures it in full.',
  },
  {
    id: 'capital-pairs',
    label: 'Parallelograms: country → capital',
    query: { words: 'list:france,paris,germany,berlin,italy,rome,spain,madrid,japan,tokyo,china,beijing,russia,moscow,egypt,cairo,greece,athens', method: 'pca', overlay: 'capitals' },
  },
  {
    id: 'gender-axis',
    label: 'Occupations on a he → she axis',
    query: {
      words: 'list:doctor,nurse,engineer,homemaker,programmer,receptionist,surgeon,midwife,architect,librarian,scientist,secretary,captain,dancer,pilot,hairdresser,carpenter,nanny,boss,maid,professor,teacher,mechanic,housekeeper,manager,stylist,he,she',
      method: 'axes',
      x: 'he,she',
    },
    note: 'x is the direction from "he" to "she" in GloVe (trained on Wikipedia and news text); y is the main remaining variation among these words. A word far to the right co-occurs with contexts more like "she" than "he" in that text. This shows a statistical association learnt from the corpus — not a fact about people, and not how any person uses these words. One pair of words is a noisy definition of a direction (Bolukbasi et al. 2016 average several pairs), and distances on a 2-D plot are not cosine similarities.',
  },
  { id: 'top', label: 'The 5,000 most frequent words', query: { words: 'top:5000', method: 'umap', color: 'cluster' } },
];

export function findMapPreset(id: string): MapPreset | undefined {
  return MAP_PRESETS.find((p) => p.id === id);
}

/**
 * The page's state after choosing a preset: the preset's view on the vector set already open
 * (switching presets keeps the loaded vectors), with no selection, search or camera carried over.
 */
export function presetState(preset: MapPreset, current: MapState): MapState {
  return { ...stateFromSearch(preset.query, [current.set]), set: current.set, neighbours: current.neighbours };
}

/** Whether a state shows a preset's map (its words, projection and overlay; colours and selection may differ). */
export function isPresetView(state: MapState, preset: MapPreset): boolean {
  const p = stateFromSearch(preset.query, [state.set]);
  return p.words === state.words && p.method === state.method && p.overlay === state.overlay && (p.method !== 'axes' || p.axisX === state.axisX);
}
