/** The layers page's examples (the article's §3-§7): a prompt and the tokens worth scoring. */
export interface LayersPreset {
  id: string;
  title: string;
  prompt: string;
  /** Candidate next tokens, with their leading space; the first two give the logit difference. */
  tokens: string[];
  /** What to look for, shown under the buttons. */
  note: string;
}

export const LAYERS_PRESETS: LayersPreset[] = [
  {
    id: 'ioi',
    title: 'Mary and John (IOI)',
    prompt: 'When Mary and John went to the store, John gave a drink to',
    tokens: [' Mary', ' John'],
    note: 'Indirect object identification: GPT-2 small predicts " Mary". Name-mover heads copy the name that was not repeated to the last position; switch them off and watch the logit difference.',
  },
  {
    id: 'capital',
    title: 'Capital of Poland',
    prompt: 'Q: What is the capital of France? A: Paris. Q: What is the capital of Poland? A:',
    tokens: [' Warsaw', ' Poland'],
    note: 'Read the best guess after each layer: in a large GPT-2, " Poland" shows up in the middle layers and " Warsaw" only late, after a feed-forward block adds the capital. Switch MLP blocks off to test it.',
  },
  {
    id: 'coffee',
    title: 'Coffee with cream and',
    prompt: 'I like my coffee with cream and',
    tokens: [' sugar'],
    note: 'Training is predicting the next word: how likely is " sugar", and from which layer on is it the best guess?',
  },
  {
    id: 'popcorn',
    title: 'Popcorn labelled chocolate',
    prompt:
      "There is a bag filled with popcorn. There is no chocolate in the bag. Yet, the label on the bag says 'chocolate' and not 'popcorn'. Sam finds the bag. She believes that the bag is full of",
    tokens: [' chocolate', ' popcorn'],
    note: 'A false-belief story: Sam has only read the label, so she should believe it holds chocolate. GPT-2 is known to fail such tasks; see which word it prefers.',
  },
  {
    id: 'bank',
    title: 'John wants his bank to cash the',
    prompt: 'John wants his bank to cash the',
    tokens: [' check', ' cheque'],
    note: 'The article’s example of layers refining meaning. " cheque" is two GPT-2 tokens: only its first token is scored.',
  },
];

export const DEFAULT_LAYERS_PRESET = LAYERS_PRESETS[0];
