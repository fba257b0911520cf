/**
 * The context page's examples (the article's §2-§3): a target word and labelled sentences. The
 * sentences and sense labels stay English (they are the model's input and the URL's state); each
 * example's title and what to look for are messages (context `presets.<id>.title` and `.note`).
 */
import type { ContextSentence } from '@/lib/route-state/context-state';

export interface ContextPreset {
  /** Also the key of its title and note in the messages. */
  id: 'bank' | 'magazine' | 'flies' | 'john-bank';
  target: string;
  sentences: ContextSentence[];
}

const s = (text: string, sense = ''): ContextSentence => ({ text, sense });

export const CONTEXT_PRESETS: ContextPreset[] = [
  {
    id: 'bank',
    target: 'bank',
    sentences: [
      s('We had a picnic on the bank of the river.', 'river'), // i18n-exempt: model input, English
      s('The fisherman sat on the muddy bank and waited.', 'river'), // i18n-exempt: model input, English
      s('Reeds grew thick along the river bank.', 'river'), // i18n-exempt: model input, English
      s('She deposited her salary at the bank.', 'money'), // i18n-exempt: model input, English
      s('The bank approved our loan on Monday.', 'money'), // i18n-exempt: model input, English
      s('He works as a teller at a bank downtown.', 'money'), // i18n-exempt: model input, English
    ],
  },
  {
    id: 'magazine',
    target: 'magazine',
    sentences: [
      s('John picked up the magazine from the table.', 'object'), // i18n-exempt: model input, English
      s('She rolled up the magazine and swatted the fly.', 'object'), // i18n-exempt: model input, English
      s('The magazine on the shelf was torn.', 'object'), // i18n-exempt: model input, English
      s('Susan works for a magazine in New York.', 'publisher'), // i18n-exempt: model input, English
      s('The magazine hired three new editors.', 'publisher'), // i18n-exempt: model input, English
      s('The magazine was sued for libel.', 'publisher'), // i18n-exempt: model input, English
    ],
  },
  {
    id: 'flies',
    target: 'flies',
    sentences: [
      s('Time flies like an arrow.', 'verb'), // i18n-exempt: model input, English
      s('How time flies when you are having fun.', 'verb'), // i18n-exempt: model input, English
      s('Fruit flies like a banana.', 'noun'), // i18n-exempt: model input, English
      s('The flies buzzed around the kitchen.', 'noun'), // i18n-exempt: model input, English
    ],
  },
  {
    id: 'john-bank',
    target: 'bank',
    sentences: [
      s('John wants his bank to cash the'), // i18n-exempt: model input, English
      s('The boat drifted toward the bank of the river.', 'river'), // i18n-exempt: model input, English
      s('The bank charged a fee to cash the cheque.', 'money'), // i18n-exempt: model input, English
    ],
  },
];

export const DEFAULT_PRESET = CONTEXT_PRESETS[0];
