/**
 * The walk on the front page: one step per section of the explanation, in its order. This file
 * holds every sentence of the walk's prose (each widget keeps its own labels in a TEXT object at
 * its top), as whole sentences with `{name}` placeholders, `[words](term:ID)` glossary terms and
 * `*emphasis*` (lib/walk/template.ts), so that a translation replaces each one as a unit.
 */

export type StepId = 'cities' | 'neighbours' | 'analogies' | 'bias' | 'bank' | 'ioi' | 'capital' | 'training' | 'beliefs';

export interface WalkStep {
  id: StepId;
  /** The section of the explanation the step belongs to. */
  part: string;
  title: string;
  /** Two or three sentences per paragraph, plain words; terms explained through the glossary. */
  body: string[];
  /** The label of the link that opens the full page with the step's state. */
  link: string;
  /** True when the step needs GPT-2 (the walk loads it once for all of them). */
  gpt2: boolean;
  /** For GPT-2 steps: what the step computes once GPT-2 is loaded. */
  pending?: string;
}

/** The element id of a step's section: `/#step-analogies` opens the walk at that step. */
export const stepAnchor = (id: StepId): string => `step-${id}`;

/** The id of the section that loads GPT-2 for the steps that need it. */
export const GPT2_ANCHOR = 'gpt2';

export const WALK_STEPS: readonly WalkStep[] = [
  {
    id: 'cities',
    part: 'Words as vectors',
    title: 'Places as numbers',
    body: [
      'Washington DC is at 38.9 degrees north and 77 degrees west, so two numbers pin it down: [38.9, 77]. New York is [40.7, 74], London [51.5, 0.1] and Paris [48.9, −2.4]. Places with close numbers are close on the ground.',
      'A language model does the same with words: each word is a list of numbers, a [word vector](term:vector). Two numbers are enough for a place; word vectors have hundreds (the GloVe vectors used here have 100, GPT-3 has 12,288), so they cannot be drawn on paper, but “close numbers, close meaning” works the same way.',
    ],
    link: 'See words drawn on a map: cat and its 100 nearest words',
    gpt2: false,
  },
  {
    id: 'neighbours',
    part: 'Words as vectors',
    title: 'Similar words sit close together',
    body: [
      'Words used in similar ways get similar lists of numbers. The explanation says that the words nearest to *cat* include *dog*, *kitten* and *pet*.',
      'Here are the ten words nearest to *cat* in GloVe’s 100 dimensions, by [cosine similarity](term:cosine), and where each of the three named words ranks.',
    ],
    link: 'Open cat’s neighbours on the analogy page',
    gpt2: false,
  },
  {
    id: 'analogies',
    part: 'Words as vectors',
    title: 'Arithmetic with meanings',
    body: [
      'If closeness carries meaning, so do directions: take the vector of *king*, subtract *man*, add *woman*, and the nearest word is *queen*. The explanation lists six such analogies, found with word2vec in 2013.',
      'Each one runs here on GloVe with [3CosAdd](term:3cosadd): the explanation’s answer and where it really ranks. Some hold, some only nearly. Like most tools, the list leaves out the words you typed; [honest mode](term:honest) keeps them, and its rank is shown too.',
    ],
    link: 'Open king − man + woman on the analogy page',
    gpt2: false,
  },
  {
    id: 'bias',
    part: 'Words as vectors',
    title: 'Vectors learn our biases too',
    body: [
      'The same arithmetic shows what the vectors learned about people: in some models, doctor − man + woman lands on *nurse*.',
      'Vectors are learned from what people have written, so along with the meanings they pick up the stereotypes in that writing. Nobody put the bias in on purpose, and it cannot simply be left out.',
    ],
    link: 'Open doctor − man + woman on the analogy page',
    gpt2: false,
  },
  {
    id: 'bank',
    part: 'One word, many meanings',
    title: 'A river bank is not a money bank',
    body: [
      'A word vector gives *bank* one list of numbers, whether it is the side of a river or a place that lends money. A language model such as GPT-2 gives a word a new vector in every sentence and refines it [layer](term:layer) by layer.',
      'GPT-2 reads three river sentences and three money sentences. The chart shows, for every layer, how close the *bank* vectors are when the meaning is the same and when it differs, against a [baseline](term:baseline): other words of the same sentences.',
    ],
    link: 'Open the bank sentences on the context page',
    gpt2: true,
    pending: 'Once GPT-2 is loaded, this step runs the six sentences through it and draws, for every layer, the mean cosine of the bank vectors with the same meaning, with different meanings, and the baseline.',
  },
  {
    id: 'ioi',
    part: 'Attention: words exchange information',
    title: 'Who gets the drink?',
    body: [
      'In every layer, [attention heads](term:attention) let each word look back at earlier words and copy information from them. Researchers traced a real circuit of them in GPT-2 small: after “When Mary and John went to the store, John gave a drink to”, it predicts *Mary*.',
      'Heads called [name movers](term:nameMover) copy *Mary* to the last word; other heads stop them from copying *John*, the name said twice. Switch the name movers off (an [ablation](term:ablation)) and the [logit difference](term:logitDiff) between Mary and John should shrink.',
    ],
    link: 'Open the sentence on the layers page',
    gpt2: true,
    pending: 'Once GPT-2 is loaded, this step shows the probabilities of “Mary” and “John” as the next word, their logit difference, and the same with the name-mover heads 9.9, 9.6 and 10.0 switched off.',
  },
  {
    id: 'capital',
    part: 'Feed-forward layers: pattern matching and memory',
    title: 'Where the capital of Poland comes from',
    body: [
      'After attention, each layer’s [feed-forward block](term:mlp) looks at one word at a time and adds what it has learned to go with the patterns it sees. Researchers at Brown University asked GPT-2 for the capital of Poland and read its best guess after every layer with the [logit lens](term:logitLens): first random words, then “Poland”, then “Warsaw” from layer 20 on.',
      'That was a GPT-2 with 24 layers (GPT-2 medium). Below: where “Warsaw” and “Poland” rank after each layer of the model loaded here, and what happens to “Warsaw” when the feed-forward block that raised it most is switched off.',
    ],
    link: 'Open the capitals prompt on the layers page',
    gpt2: true,
    pending: 'Once GPT-2 is loaded, this step shows the rank of “Warsaw” and “Poland” after every layer, and Warsaw’s probability with one feed-forward block switched off.',
  },
  {
    id: 'training',
    part: 'Training: predict the next word',
    title: 'I like my coffee with cream and …',
    body: [
      'A language model learns without anyone labelling anything: it reads text and, at every word, guesses the next one. After “I like my coffee with cream and”, a good guess is “sugar”. GPT-2 gives a probability to each of the 50,257 [tokens](term:token) it knows; here are its top five.',
      'Training starts from random numbers. After each guess, a method called backpropagation works out how every weight of the model should change to make the right word a little more likely, and nudges them all, again and again. GPT-3 read about 500 billion words this way, with more than 3×10²³ arithmetic operations, and bigger models trained on more text keep getting better along smooth curves over seven orders of magnitude.',
    ],
    link: 'Open the prompt on the layers page',
    gpt2: true,
    pending: 'Once GPT-2 is loaded, this step shows its five most likely next tokens after “I like my coffee with cream and”, and where “sugar” ranks.',
  },
  {
    id: 'beliefs',
    part: 'Reasoning about minds',
    title: 'What does Sam believe?',
    body: [
      'A bag is full of popcorn but labelled “chocolate”, and Sam has only read the label. What does Sam believe is in the bag? Answering “chocolate” means keeping track of what someone else believes, not of what is true.',
      'The explanation reports that GPT-1 and GPT-2 fail such tasks, the first GPT-3 solved about 40% of them, a later GPT-3 about 90% and GPT-4 about 95%, and that small changes to the story can still trip them up. Here is what GPT-2 prefers.',
    ],
    link: 'Open the story on the layers page',
    gpt2: true,
    pending: 'Once GPT-2 is loaded, this step shows the probabilities of “chocolate” and “popcorn” as the next word after the story.',
  },
];

/** The walk's own labels: heading, introduction, contents, step navigation, the GPT-2 section. */
export const WALK_TEXT = {
  title: 'How a language model works, step by step',
  intro:
    'A walk through a well-known plain-language explanation of large language models, one claim at a time. Every step runs its claim here, in your browser, on real models: word vectors for the first four steps, GPT-2 for the rest. Each step’s link opens the full page with the same example.',
  contents: 'Steps',
  stepNumber: 'Step {n} of {total} · {part}',
  previous: '← Previous: {title}',
  next: 'Next: {title} →',
  top: 'Back to the steps',
  redirecting: 'Opening the analogy page…',
  gpt2Part: 'GPT-2 for steps 5–9',
  gpt2Title: 'Load GPT-2 once for the rest of the walk',
  gpt2Body:
    'The next five steps run GPT-2, the model OpenAI released in 2019, in your browser. It is loaded once for all of them: from this site when it has one installed, or from the Hugging Face hub, after which this browser keeps it and the next visit needs no network. The word-vector steps above do not need it.',
  gpt2Waiting: 'The walk looks for GPT-2 once the word vectors have answered.',
  trainLink: 'Watch a small model learn from predicting words: the training page',
  end: 'That is the whole explanation, claim by claim. Every page in the menu goes further with your own words, sentences and prompts.',
} as const;
