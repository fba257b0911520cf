/**
 * The walk on the front page: one step per section of the explanation, in its order. The prose is
 * in the message files (walk `steps.<id>.title`, `.p1`…, `.link`, and `.pending` for the GPT-2
 * steps; walk `parts.<part>` for the section names); this module says which steps there are, in
 * which order, and which of them need GPT-2.
 */

export type StepId = 'cities' | 'neighbours' | 'analogies' | 'bias' | 'bank' | 'ioi' | 'capital' | 'training' | 'beliefs';

/** The sections of the explanation (keys of walk `parts`). */
export type PartId = 'vectors' | 'meanings' | 'attention' | 'mlp' | 'training' | 'minds';

export interface WalkStep {
  id: StepId;
  /** The section of the explanation the step belongs to. */
  part: PartId;
  /** The message keys of its paragraphs (two or three, plain words; terms marked for the glossary). */
  paragraphs: readonly string[];
  /** True when the step needs GPT-2 (the walk loads it once for all of them); such a step also says what it computes (`pending`). */
  gpt2: boolean;
}

/** The element id of a step's section: `/#step-analogies` opens the walk at that step. */
export const stepAnchor = (id: StepId): string => `step-${id}`;

/** The id of the section that loads GPT-2 for the steps that need it. */
export const GPT2_ANCHOR = 'gpt2';

const TWO = ['p1', 'p2'] as const;

export const WALK_STEPS: readonly WalkStep[] = [
  { id: 'cities', part: 'vectors', paragraphs: TWO, gpt2: false },
  { id: 'neighbours', part: 'vectors', paragraphs: TWO, gpt2: false },
  { id: 'analogies', part: 'vectors', paragraphs: TWO, gpt2: false },
  { id: 'bias', part: 'vectors', paragraphs: TWO, gpt2: false },
  { id: 'bank', part: 'meanings', paragraphs: TWO, gpt2: true },
  { id: 'ioi', part: 'attention', paragraphs: TWO, gpt2: true },
  { id: 'capital', part: 'mlp', paragraphs: TWO, gpt2: true },
  { id: 'training', part: 'training', paragraphs: TWO, gpt2: true },
  { id: 'beliefs', part: 'minds', paragraphs: TWO, gpt2: true },
];

/** The message keys (under walk) of everything a step says. */
export function stepKeys(step: WalkStep): string[] {
  const base = `steps.${step.id}`;
  return [`${base}.title`, ...step.paragraphs.map((p) => `${base}.${p}`), `${base}.link`, ...(step.gpt2 ? [`${base}.pending`] : [])];
}
