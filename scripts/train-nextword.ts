/**
 * `npm run -s train:nextword -- [--corpus brown|FILE] [--epochs 3] [--samples 64] [--prompt "…"] --json`:
 * trains the next-word model of lib/train/nextword.ts (Bengio et al. 2003) and reports the
 * held-out perplexity after each epoch, the time per epoch and the most likely next words.
 */
import { NEXTWORD_DEFAULTS, NextWordModel, NextWordTrainer, nextWordData, perplexity, topNext } from '../lib/train/nextword';
import { intFlag, parseCli, runCli, UsageError } from './cli';
import { loadCorpus } from './train-common';

const PROMPT = 'i like my coffee with cream and';
const d = NEXTWORD_DEFAULTS;

const USAGE = `usage: npm run -s train:nextword -- [--corpus brown|FILE] [--fraction 1] [--context ${d.context}] [--embed ${d.embed}] [--hidden ${d.hidden}]
       [--samples ${d.samples}] [--epochs ${d.epochs}] [--lr ${d.lr}] [--seed ${d.seed}] [--prompt "${PROMPT}"] [--json]

A neural next-word model: the previous words' vectors → a tanh hidden layer → a softmax over the
vocabulary (words seen 5 times or more; the rest are <unk>). Every 20th sentence is held out.
  --samples K   sampled softmax with K draws per example; 0 trains the full softmax
  --lr X        learning rate at the start (falls linearly to X / 100)`;

runCli('train:nextword', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      corpus: { type: 'string' },
      fraction: { type: 'string' },
      context: { type: 'string' },
      embed: { type: 'string' },
      hidden: { type: 'string' },
      samples: { type: 'string' },
      epochs: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      prompt: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const fraction = values.fraction === undefined ? 1 : Number(values.fraction);
  if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`--fraction must be a number in (0, 1], got "${values.fraction}"`);
  const lr = values.lr === undefined ? d.lr : Number(values.lr);
  if (!(lr > 0 && lr <= 10)) throw new UsageError(`--lr must be a number in (0, 10], got "${values.lr}"`);
  const options = {
    ...d,
    context: intFlag(values.context, 'context', d.context, 1, 10),
    embed: intFlag(values.embed, 'embed', d.embed, 1, 1000),
    hidden: intFlag(values.hidden, 'hidden', d.hidden, 1, 4000),
    samples: intFlag(values.samples, 'samples', d.samples, 0, 100_000),
    epochs: intFlag(values.epochs, 'epochs', d.epochs, 1, 1000),
    seed: intFlag(values.seed, 'seed', d.seed, 0, 2 ** 32 - 1),
    lr,
  };
  const prompt = values.prompt ?? PROMPT;
  const { corpus, name } = await loadCorpus(values.corpus ?? 'brown', fraction);
  const data = nextWordData(corpus, options.minCount);
  const model = new NextWordModel(data.symbols, data.counts, options);
  const trainer = new NextWordTrainer(model, data);
  const index = new Map(data.symbols.map((w, i) => [w, i]));
  const log = (s: string) => values.json || console.error(s);
  log(`${name}: ${data.train.ids.length.toLocaleString('en')} training tokens, ${data.heldOut.ids.length.toLocaleString('en')} held out, ${model.V.toLocaleString('en')} symbols`);

  const before = await perplexity(model, data.heldOut);
  log(`before training: held-out perplexity ${before.perplexity.toFixed(1)} (the unigram model)`);
  const epochs = [];
  while (!trainer.done) {
    const r = trainer.step();
    if (!r.epochEnded) continue;
    const t0 = performance.now();
    const ppl = await perplexity(model, data.heldOut);
    const evalSeconds = (performance.now() - t0) / 1000;
    const top = topNext(model, index, prompt, 5);
    epochs.push({ ...r.epochEnded, heldOutPerplexity: round(ppl.perplexity, 2), evalSeconds: round(evalSeconds, 2), top });
    log(
      `epoch ${r.epochEnded.epoch}: train loss ${r.epochEnded.loss.toFixed(3)}, held-out perplexity ${ppl.perplexity.toFixed(1)}, ` +
        `${r.epochEnded.seconds.toFixed(1)} s (+ ${evalSeconds.toFixed(1)} s to evaluate); "${prompt}" → ${top.map((t) => `${t.word} ${(t.p * 100).toFixed(1)}%`).join(', ')}`,
    );
  }
  const last = epochs[epochs.length - 1];
  const result = {
    corpus: name,
    trainTokens: data.train.ids.length,
    heldOutTokens: before.tokens,
    symbols: model.V,
    options,
    perplexityBefore: round(before.perplexity, 2),
    heldOutPerplexity: last.heldOutPerplexity,
    secondsPerEpoch: round(trainer.seconds / epochs.length, 2),
    examplesPerSecond: Math.round(epochs.reduce((s, e) => s + e.examples, 0) / trainer.seconds),
    prompt,
    top: last.top.map((t) => ({ word: t.word, p: round(t.p, 4) })),
    epochs: epochs.map((e) => ({ epoch: e.epoch, loss: round(e.loss, 4), heldOutPerplexity: e.heldOutPerplexity, seconds: round(e.seconds, 2) })),
  };
  if (values.json) console.log(JSON.stringify(result));
  else console.log(`held-out perplexity ${result.perplexityBefore} → ${result.heldOutPerplexity}; ${result.secondsPerEpoch} s per epoch; top 5: ${result.top.map((t) => t.word).join(', ')}`);
});

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
