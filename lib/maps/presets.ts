/**
 * Ready-made maps for the claims of the article: neighbourhoods, groups that separate, analogy
 * parallelograms, and the classic gender axis. Each is a URL query for the map page; its label
 * and note (what the view shows, and what it does not) are in the message files, under
 * map.presets.<id>.label and .note.
 */
import { stateFromSearch, type MapState } from './map-state';

export interface MapPreset {
  /** Stable id: the key of its label and note in the message files. */
  id: string;
  /** URL search parameters of the map page (see lib/maps/map-state.ts). */
  query: Record<string, string>;
  /** The page says what the view shows and what it does not (map.presets.<id>.note). */
  note?: true;
}

export const MAP_PRESETS: MapPreset[] = [
  { id: 'king', query: { words: 'neighbors:king:500', method: 'umap' } },
  {
    id: 'groups',
    query: {
      words:
        'groups:countries=france,germany,italy,spain,japan,china,russia,egypt,greece,poland,canada,brazil,india,mexico,kenya;capitals=paris,berlin,rome,madrid,tokyo,beijing,moscow,cairo,athens,warsaw,ottawa,brasilia,delhi,nairobi;animals=dog,cat,horse,cow,lion,tiger,elephant,mouse,rabbit,wolf,bear,sheep,goat,monkey,fox',
      method: 'pca',
    },
  },
  {
    id: 'gender-pairs',
    query: { words: 'list:man,woman,king,queen,uncle,aunt,brother,sister,nephew,niece,father,mother,son,daughter,boy,girl', method: 'pca', overlay: 'gender' },
    note: true,
  },
  {
    id: 'capital-pairs',
    query: { words: 'list:france,paris,germany,berlin,italy,rome,spain,madrid,japan,tokyo,china,beijing,russia,moscow,egypt,cairo,greece,athens', method: 'pca', overlay: 'capitals' },
  },
  {
    id: 'gender-axis',
    query: {
      words: 'list:doctor,nurse,engineer,homemaker,programmer,receptionist,surgeon,midwife,architect,librarian,scientist,secretary,captain,dancer,pilot,hairdresser,carpenter,nanny,boss,maid,professor,teacher,mechanic,housekeeper,manager,stylist,he,she',
      method: 'axes',
      x: 'he,she',
    },
    note: true,
  },
  { id: 'top', query: { words: 'top:5000', method: 'umap', color: 'cluster' } },
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
