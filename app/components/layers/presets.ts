/**
 * The layers page's examples (the article's §3-§7): a prompt and the tokens worth scoring. Prompts
 * and tokens stay English (they are the model's input and the URL's state); each example's title
 * and what to look for are messages (layers `presets.<id>.title` and `.note`).
 */
export interface LayersPreset {
  /** Also the key of its title and note in the messages. */
  id: 'ioi' | 'capital' | 'coffee' | 'popcorn' | 'bank';
  prompt: string;
  /** Candidate next tokens, with their leading space; the first two give the logit difference. */
  tokens: string[];
}

export const LAYERS_PRESETS: LayersPreset[] = [
  {
    id: 'ioi',
    prompt: 'When Mary and John went to the store, John gave a drink to', // i18n-exempt: model input, English
    tokens: [' Mary', ' John'],
  },
  {
    id: 'capital',
    prompt: 'Q: What is the capital of France? A: Paris. Q: What is the capital of Poland? A:', // i18n-exempt: model input, English
    tokens: [' Warsaw', ' Poland'],
  },
  {
    id: 'coffee',
    prompt: 'I like my coffee with cream and', // i18n-exempt: model input, English
    tokens: [' sugar'],
  },
  {
    id: 'popcorn',
    // i18n-exempt: model input, English
    prompt: "There is a bag filled with popcorn. There is no chocolate in the bag. Yet, the label on the bag says 'chocolate' and not 'popcorn'. Sam finds the bag. She believes that the bag is full of",
    tokens: [' chocolate', ' popcorn'],
  },
  {
    id: 'bank',
    prompt: 'John wants his bank to cash the', // i18n-exempt: model input, English
    tokens: [' check', ' cheque'],
  },
];

export const DEFAULT_LAYERS_PRESET = LAYERS_PRESETS[0];
