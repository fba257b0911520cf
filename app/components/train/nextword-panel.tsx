'use client';
/**
 * "I like my coffee with cream and ___": a small neural next-word model (Bengio et al. 2003)
 * trained in a worker on the same text — its training loss, its perplexity on held-out sentences,
 * and its top guesses for the reader's prompts, changing as it learns.
 */
import { useTranslations } from 'next-intl';
import { useReducer, useState, type ReactNode } from 'react';
import { NEXTWORD_DEFAULTS } from '@/lib/train/nextword';
import type { NwEvaluation, NwProgress, TrainResponse } from '@/lib/worker/train-protocol';
import { corpusRequest, type CorpusChoice } from './corpus-choice';
import { useTrainWorker } from './use-train-worker';
import { LiveChart } from './live-chart';
import { Button, ErrorLine, field, Note, ProgressBar, useNumbers, type TrainFailure } from './ui';

// Prompts are English: the model reads English text.
const DEFAULT_PROMPTS = [
  // i18n-exempt: an English prompt for the model
  'i like my coffee with cream and',
  // i18n-exempt: an English prompt for the model
  'the president of the united',
  // i18n-exempt: an English prompt for the model
  'she opened the door and',
];
const mono = (c: ReactNode) => <span className="font-mono">{c}</span>;

interface State {
  status: 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';
  ready?: Extract<TrainResponse, { type: 'nw-ready' }>;
  progress?: NwProgress;
  losses: { x: number; y: number }[];
  evaluations: NwEvaluation[];
  predictions?: Extract<TrainResponse, { type: 'nw-predictions' }>;
  error?: TrainFailure;
}

const initial: State = { status: 'idle', losses: [], evaluations: [] };

function reducer(s: State, a: TrainResponse | { type: 'start' } | { type: 'reset' }): State {
  switch (a.type) {
    case 'start':
      return { ...initial, status: 'loading' };
    case 'reset':
      return initial;
    case 'nw-ready':
      return { ...s, status: 'training', ready: a };
    case 'nw-progress':
      return { ...s, progress: a.progress, losses: [...s.losses, { x: a.progress.progress * a.progress.epochs, y: a.progress.loss }].slice(-800) };
    case 'nw-eval':
      return { ...s, evaluations: [...s.evaluations, a.evaluation] };
    case 'nw-predictions':
      return { ...s, predictions: a };
    case 'paused':
      return s.status === 'training' || s.status === 'paused' ? { ...s, status: a.paused ? 'paused' : 'training' } : s;
    case 'done':
      return { ...s, status: 'done' };
    case 'error':
      return { ...s, status: 'error', error: { code: a.code, params: a.params } };
    default:
      return s;
  }
}

export function NextWordPanel({ corpus }: { corpus: CorpusChoice }) {
  const t = useTranslations('train.nw');
  const tc = useTranslations('train.controls');
  const tw = useTranslations('train.w2v');
  const n = useNumbers();
  const [s, dispatch] = useReducer(reducer, initial);
  const { post } = useTrainWorker(dispatch);
  const [prompts, setPrompts] = useState(DEFAULT_PROMPTS.join('\n'));
  const [epochs, setEpochs] = useState(NEXTWORD_DEFAULTS.epochs);
  const running = s.status === 'loading' || s.status === 'training' || s.status === 'paused';
  const promptList = () => prompts.split('\n').map((p) => p.trim()).filter(Boolean).slice(0, 6);
  const o = s.ready?.options ?? NEXTWORD_DEFAULTS;
  const firstPpl = s.evaluations[0];
  const lastPpl = s.evaluations[s.evaluations.length - 1];

  return (
    <section aria-label={t('label')} data-testid="nw" data-status={s.status} className="space-y-3">
      <h2 className="text-xl font-semibold">{t('heading')}</h2>
      <Note>{t('note', { context: o.context, embed: o.embed, hidden: o.hidden, samples: o.samples, symbols: s.ready ? s.ready.symbols : 14_000 })}</Note>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex min-w-0 flex-1 basis-72 flex-col gap-1">
          <span>{t('prompts')}</span>
          <textarea className={`${field} h-20 font-mono`} value={prompts} onChange={(e) => setPrompts(e.target.value)} spellCheck={false} data-testid="nw-prompts" />
        </label>
        <Button onClick={() => post({ type: 'nw-prompts', prompts: promptList() })} disabled={!s.ready}>
          {t('ask')}
        </Button>
        <label className="flex flex-col gap-1">
          <span>{tc('epochs')}</span>
          <input type="number" min={1} max={20} className={`${field} w-20`} value={epochs} disabled={running} onChange={(e) => setEpochs(Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))} />
        </label>
        {!running && (
          <Button
            primary
            data-testid="nw-start"
            onClick={() => {
              dispatch({ type: 'start' });
              post(corpusRequest(corpus));
              post({ type: 'nw-start', options: { epochs }, prompts: promptList() });
            }}
          >
            {s.status === 'done' ? tc('again') : tc('start')}
          </Button>
        )}
        {s.status === 'training' && <Button onClick={() => post({ type: 'pause' })}>{tc('pause')}</Button>}
        {s.status === 'paused' && (
          <Button primary onClick={() => post({ type: 'resume' })}>
            {tc('resume')}
          </Button>
        )}
        {(running || s.status === 'done') && (
          <Button
            onClick={() => {
              post({ type: 'reset' });
              dispatch({ type: 'reset' });
            }}
          >
            {tc('reset')}
          </Button>
        )}
      </div>
      <ErrorLine error={s.error} />
      {s.status === 'loading' && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('loading')}</p>}
      {s.ready && s.progress && (
        <ProgressBar
          testId="nw-status"
          value={s.progress.progress}
          label={t('status', {
            epoch: tc('epochOf', { epoch: Math.min(s.progress.epoch + 1, s.progress.epochs), epochs: s.progress.epochs }),
            paused: s.status === 'paused' ? tc('paused') : '',
            tokens: s.ready.trainTokens,
            speed: tc('wordsPerSecond', { count: s.progress.examplesPerSecond }),
          })}
        />
      )}
      {s.ready && (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-1">
            <LiveChart
              testId="nw-perplexity"
              title={t('perplexityTitle')}
              xTitle={tw('epochsAxis')}
              yTitle={t('perplexityAxis')}
              x={s.evaluations.map((e) => e.progress * o.epochs)}
              y={s.evaluations.map((e) => e.perplexity)}
              xMax={o.epochs}
              markers
            />
            {firstPpl && lastPpl && (
              <p className="text-sm" data-testid="nw-perplexity-now" data-before={firstPpl.perplexity.toFixed(2)} data-now={lastPpl.perplexity.toFixed(2)}>
                {t.rich('perplexity', { mono, before: firstPpl.perplexity, now: lastPpl.perplexity, tokens: lastPpl.tokens })}
              </p>
            )}
            <LiveChart
              testId="nw-loss"
              title={t('lossTitle')}
              xTitle={tw('epochsAxis')}
              yTitle={t('lossAxis')}
              height={200}
              x={s.losses.map((l) => l.x)}
              y={s.losses.map((l) => l.y)}
              xMax={o.epochs}
            />
          </div>
          <div className="space-y-2 text-sm" data-testid="nw-predictions">
            {s.predictions?.predictions.map((p) => (
              <div key={p.prompt}>
                <p className="font-mono">{p.prompt} ___</p>
                <ol className="ml-5 list-decimal">
                  {p.top.map((guess) => (
                    <li key={guess.word}>
                      <span className="font-mono">{guess.word}</span> <span className="text-zinc-500">{n.percent(guess.p, 1)}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
            <Note>
              {t('symbols', { unk: '<unk>', end: '</s>' })}
              {corpus.kind === 'brown' && <> {t('brown')}</>}
            </Note>
          </div>
        </div>
      )}
    </section>
  );
}
