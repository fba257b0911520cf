/** The context page's examples (the article's §2-§3): a target word and labelled sentences. */
import type { ContextSentence } from '@/lib/route-state/context-state';

export interface ContextPreset {
  id: string;
  title: string;
  target: string;
  sentences: ContextSentence[];
  /** What to look for, shown under the buttons. */
  note: string;
}

const s = (text: string, sense = ''): ContextSentence => ({ text, sense });

export const CONTEXT_PRESETS: ContextPreset[] = [
  {
    id: 'bank',
    title: 'bank: river vs money',
    target: 'bank',
    sentences: [
      s('We had a picnic on the bank of the river.', 'river'),
      s('The fisherman sat on the muddy bank and waited.', 'river'),
      s('Reeds grew thick along the river bank.', 'river'),
      s('She deposited her salary at the bank.', 'money'),
      s('The bank approved our loan on Monday.', 'money'),
      s('He works as a teller at a bank downtown.', 'money'),
    ],
    note: 'A homonym: two unrelated meanings. At which layer do the two kinds of bank move apart?',
  },
  {
    id: 'magazine',
    title: 'magazine: object vs publisher',
    target: 'magazine',
    sentences: [
      s('John picked up the magazine from the table.', 'object'),
      s('She rolled up the magazine and swatted the fly.', 'object'),
      s('The magazine on the shelf was torn.', 'object'),
      s('Susan works for a magazine in New York.', 'publisher'),
      s('The magazine hired three new editors.', 'publisher'),
      s('The magazine was sued for libel.', 'publisher'),
    ],
    note: 'A polysemous word: related meanings. They should stay closer than the two banks.',
  },
  {
    id: 'flies',
    title: 'time flies / fruit flies',
    target: 'flies',
    sentences: [
      s('Time flies like an arrow.', 'verb'),
      s('How time flies when you are having fun.', 'verb'),
      s('Fruit flies like a banana.', 'noun'),
      s('The flies buzzed around the kitchen.', 'noun'),
    ],
    note: 'The same word as a verb and as a noun; "fruit flies like a banana" is only resolved by its context.',
  },
  {
    id: 'john-bank',
    title: 'John wants his bank to cash the',
    target: 'bank',
    sentences: [
      s('John wants his bank to cash the'),
      s('The boat drifted toward the bank of the river.', 'river'),
      s('The bank charged a fee to cash the cheque.', 'money'),
    ],
    note: "The article's sentence, unlabelled: does GPT-2 place its bank nearer the river or the money sentence?",
  },
];

export const DEFAULT_PRESET = CONTEXT_PRESETS[0];
