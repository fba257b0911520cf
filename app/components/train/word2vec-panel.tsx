'use client';
/**
 * Word vectors learned live: word2vec (skip-gram, negative sampling, gensim's defaults) in a
 * worker, with its loss, speed, the neighbours of the reader's probe words, the analogy test set
 * after each epoch and a map of chosen words moving epoch by epoch. Pause, resume, reset, and keep
 * the vectors in this browser to open them on the analogy and map pages.
 */
import { useTranslations } from 'next-intl';
import { memo, useMemo, useReducer, useState, type ReactNode } from 'react';
import { withBase } from '@/app/base-path';
import type { AnalogyFigure, CorpusInfo, MapFrames, Neighbours, TrainResponse, W2vProgress } from '@/lib/worker/train-protocol';
import { corpusRequest, type CorpusChoice } from './corpus-choice';
import { useTrainWorker } from './use-train-worker';
import { LiveChart } from './live-chart';
import { Button, ErrorLine, field, Note, ProgressBar, useNumbers, type TrainFailure } from './ui';
import { WordMap } from './word-map';

// Words typed into the vector pages stay English.
// i18n-exempt: English words the model is asked about
const DEFAULT_PROBES = 'king, money, monday, water, good';
// i18n-exempt: English words the model is asked about
const DEFAULT_MAP = 'man, woman, boy, girl, king, queen, father, mother, monday, friday, one, two, three, red, green, blue, france, england, good, bad';
const FRACTIONS = [1 / 8, 1 / 4, 1 / 2, 1];
const mono = (c: ReactNode) => <span className="font-mono">{c}</span>;

type Status = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

interface State {
  status: Status;
  corpus?: CorpusInfo;
  questions?: number;
  ready?: Extract<TrainResponse, { type: 'w2v-ready' }>;
  progress?: W2vProgress;
  losses: { x: number; y: number }[];
  neighbours?: { epoch: number; progress: number; list: Neighbours[] };
  /** The probe lists shown before the current ones, to mark what changed. */
  previous: Map<string, Set<string>>;
  analogy: AnalogyFigure[];
  map?: MapFrames;
  kept?: { name: string; words: number };
  keeping: boolean;
  error?: TrainFailure;
}

const initial: State = { status: 'idle', losses: [], previous: new Map(), analogy: [], keeping: false };

type Action = TrainResponse | { type: 'start' } | { type: 'reset' } | { type: 'keep' };

function reducer(s: State, a: Action): State {
  switch (a.type) {
    case 'start':
      return { ...initial, status: 'loading', corpus: s.corpus, questions: s.questions };
    case 'reset':
      return { ...initial, corpus: s.corpus, questions: s.questions };
    case 'keep':
      return { ...s, keeping: true, kept: undefined, error: undefined };
    case 'corpus':
      return { ...s, corpus: a.info, questions: a.questions };
    case 'w2v-ready':
      return { ...s, status: 'training', ready: a };
    case 'w2v-progress': {
      const x = a.progress.progress * a.progress.epochs;
      const losses = Number.isFinite(a.progress.loss) ? [...s.losses, { x, y: a.progress.loss }] : s.losses;
      return { ...s, progress: a.progress, losses: losses.length > 600 ? losses.filter((_, i) => i % 2 === 0 || i === losses.length - 1) : losses };
    }
    case 'w2v-neighbours': {
      const previous = new Map(s.neighbours?.list.map((n) => [n.word, new Set(n.nearest.map((x) => x.word))]));
      return { ...s, neighbours: { epoch: a.epoch, progress: a.progress, list: a.neighbours }, previous };
    }
    case 'w2v-analogy':
      return { ...s, analogy: [...s.analogy.filter((f) => f.epoch !== a.figure.epoch), a.figure] };
    case 'w2v-map':
      return { ...s, map: a.map };
    case 'w2v-kept':
      return { ...s, keeping: false, kept: { name: a.name, words: a.words } };
    case 'paused':
      return s.status === 'training' || s.status === 'paused' ? { ...s, status: a.paused ? 'paused' : 'training' } : s;
    case 'done':
      return { ...s, status: 'done' };
    case 'error':
      return { ...s, status: s.keeping ? s.status : 'error', keeping: false, error: { code: a.code, params: a.params } };
    default:
      return s;
  }
}

const words = (text: string) => [...new Set(text.toLowerCase().split(/[\s,]+/).filter(Boolean))];

export function Word2vecPanel({ corpus }: { corpus: CorpusChoice }) {
  const t = useTranslations('train.w2v');
  const tc = useTranslations('train.controls');
  const tm = useTranslations('train.map');
  const n = useNumbers();
  const [s, dispatch] = useReducer(reducer, initial);
  const { post } = useTrainWorker(dispatch);
  const [fraction, setFraction] = useState(1);
  const [epochs, setEpochs] = useState(5);
  const [dims, setDims] = useState(100);
  const [seed, setSeed] = useState(1);
  const [probes, setProbes] = useState(DEFAULT_PROBES);
  const [mapWords, setMapWords] = useState(DEFAULT_MAP);
  const [keepName, setKeepName] = useState('brown-word2vec');

  const running = s.status === 'loading' || s.status === 'training' || s.status === 'paused';
  const start = () => {
    dispatch({ type: 'start' });
    post(corpusRequest(corpus));
    post({ type: 'w2v-start', options: { epochs, dims, seed }, fraction, probes: words(probes), mapWords: words(mapWords) });
  };
  const p = s.progress;
  const [lossX, lossY] = useMemo(() => [s.losses.map((l) => l.x), s.losses.map((l) => l.y)], [s.losses]);
  const latest = s.analogy[s.analogy.length - 1];

  return (
    <section aria-label={t('label')} data-testid="w2v" data-status={s.status} className="space-y-4">
      <h2 className="text-xl font-semibold">{t('heading')}</h2>
      <Note>{t('note')}</Note>

      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span>{t('share')}</span>
          <select className={field} value={fraction} disabled={running} onChange={(e) => setFraction(Number(e.target.value))} data-testid="w2v-fraction">
            {FRACTIONS.map((f) => (
              <option key={f} value={f}>
                {f === 1 ? t('all') : `1/${Math.round(1 / f)}`}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{tc('epochs')}</span>
          <input type="number" min={1} max={20} className={`${field} w-20`} value={epochs} disabled={running} onChange={(e) => setEpochs(clamp(e.target.value, 1, 20, 5))} data-testid="w2v-epochs" />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t('dims')}</span>
          <select className={field} value={dims} disabled={running} onChange={(e) => setDims(Number(e.target.value))}>
            {[25, 50, 100, 200].map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{t('seed')}</span>
          <input type="number" min={0} className={`${field} w-24`} value={seed} disabled={running} onChange={(e) => setSeed(clamp(e.target.value, 0, 2 ** 32 - 1, 1))} />
        </label>
        {!running && (
          <Button primary onClick={start} data-testid="w2v-start">
            {s.status === 'done' ? tc('again') : tc('start')}
          </Button>
        )}
        {s.status === 'training' && (
          <Button onClick={() => post({ type: 'pause' })} data-testid="w2v-pause">
            {tc('pause')}
          </Button>
        )}
        {s.status === 'paused' && (
          <Button primary onClick={() => post({ type: 'resume' })} data-testid="w2v-resume">
            {tc('resume')}
          </Button>
        )}
        {(running || s.status === 'done' || s.status === 'error') && (
          <Button
            onClick={() => {
              post({ type: 'reset' });
              dispatch({ type: 'reset' });
            }}
            data-testid="w2v-reset"
          >
            {tc('reset')}
          </Button>
        )}
      </div>

      <ErrorLine error={s.error} />
      {s.status === 'loading' && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('loading')}</p>}

      {s.ready && p && (
        <div className="space-y-1" data-testid="w2v-status" data-words-per-second={Math.round(p.wordsPerSecond)} data-train-seconds={p.trainSeconds.toFixed(3)}>
          <ProgressBar
            value={p.progress}
            label={t('status', {
              epoch: tc('epochOf', { epoch: Math.min(p.epoch + 1, p.epochs), epochs: p.epochs }),
              paused: s.status === 'paused' ? tc('paused') : '',
              tokens: s.ready.tokens,
              vocab: s.ready.vocab,
              speed: tc('wordsPerSecond', { count: p.wordsPerSecond }),
              engine: s.ready.engine === 'wasm-simd' ? t('engineWasm') : t('engineJs'),
              alpha: n.fixed(p.alpha, 4),
            })}
          />
        </div>
      )}

      {s.ready && (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-2">
            <LiveChart
              testId="w2v-loss"
              title={t('lossTitle')}
              xTitle={t('epochsAxis')}
              yTitle={t('lossAxis')}
              x={lossX}
              y={lossY}
              xMax={s.ready.options.epochs}
            />
            <p className="text-sm" data-testid="w2v-loss-now">
              {t.rich('lossNow', { mono, now: p && Number.isFinite(p.loss) ? n.fixed(p.loss, 3) : '–' })}
              {s.losses.length > 0 && <> {t.rich('lossFirst', { mono, first: n.fixed(s.losses[0].y, 3) })}</>}
            </p>
            <AnalogyTable figures={s.analogy} questions={s.questions ?? 0} latest={latest} />
          </div>
          <NeighboursBox s={s} probes={probes} setProbes={setProbes} apply={() => post({ type: 'w2v-probes', probes: words(probes) })} />
        </div>
      )}

      {s.map && (
        <div className="space-y-2">
          <form
            className="flex flex-wrap items-end gap-2 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              post({ type: 'w2v-map-words', words: words(mapWords) });
            }}
          >
            <label className="flex min-w-0 flex-1 basis-72 flex-col gap-1">
              <span>{tm('words')}</span>
              <input className={`${field} font-mono`} value={mapWords} onChange={(e) => setMapWords(e.target.value)} spellCheck={false} data-testid="w2v-map-words" />
            </label>
            <Button type="submit">{tc('show')}</Button>
          </form>
          <WordMap map={s.map} dims={s.ready?.options.dims ?? dims} />
        </div>
      )}

      {s.ready && (s.status === 'paused' || s.status === 'done') && (
        <form
          className="flex flex-wrap items-end gap-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
          onSubmit={(e) => {
            e.preventDefault();
            dispatch({ type: 'keep' });
            post({ type: 'w2v-keep', name: keepName, title: t('keepTitle', { corpus: s.corpus?.title ?? '' }) });
          }}
        >
          <label className="flex flex-col gap-1">
            <span>{t('keepAs')}</span>
            <input className={`${field} w-56 font-mono`} value={keepName} onChange={(e) => setKeepName(e.target.value.toLowerCase())} data-testid="w2v-keep-name" spellCheck={false} />
          </label>
          <Button type="submit" primary disabled={s.keeping} data-testid="w2v-keep">
            {s.keeping ? t('keeping') : t('keep')}
          </Button>
          {s.kept && <KeptLine kept={s.kept} />}
        </form>
      )}
    </section>
  );
}

function KeptLine({ kept }: { kept: { name: string; words: number } }) {
  const t = useTranslations('train.w2v');
  const query = `?set=${encodeURIComponent(kept.name)}`;
  return (
            <p data-testid="w2v-kept">
              {t.rich('kept', {
                words: kept.words,
                name: kept.name,
                b: (c) => <strong>{c}</strong>,
                analogy: (c) => (
                  <a className="underline" href={withBase(`/analogies${query}`)} data-testid="w2v-kept-analogy">
                    {c}
                  </a>
                ),
                map: (c) => (
                  <a className="underline" href={withBase(`/map${query}`)}>
                    {c}
                  </a>
                ),
              })}
            </p>
  );
}

function AnalogyTable({ figures, questions, latest }: { figures: AnalogyFigure[]; questions: number; latest?: AnalogyFigure }) {
  const t = useTranslations('train.analogy');
  const n = useNumbers();
  if (questions === 0) return <Note>{t('unavailable')}</Note>;
  return (
    <div className="text-sm" data-testid="w2v-analogy">
      <p>
        {t.rich('intro', { em: (c) => <em>{c}</em> })}{' '}
        {latest
          ? t.rich('latest', {
              b: (c) => <strong className="font-mono">{c}</strong>,
              accuracy: n.percent(latest.accuracy, 2),
              epoch: latest.epoch,
              correct: latest.correct,
              attempted: latest.attempted,
              skipped: latest.skipped,
              total: questions,
            })
          : t('pending')}
      </p>
      {figures.length > 1 && (
        <p className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">{figures.map((f) => t('epoch', { epoch: f.epoch, accuracy: n.percent(f.accuracy, 2) })).join(' · ')}</p>
      )}
      <Note>{t('glove')}</Note>
    </div>
  );
}

function NeighboursBox({ s, probes, setProbes, apply }: { s: State; probes: string; setProbes: (v: string) => void; apply: () => void }) {
  const t = useTranslations('train.neighbours');
  const tc = useTranslations('train.controls');
  return (
    <div className="min-w-0 space-y-2 text-sm">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
          <span>{t('of')}</span>
          <input className={`${field} font-mono`} value={probes} onChange={(e) => setProbes(e.target.value)} spellCheck={false} data-testid="w2v-probes" />
        </label>
        <Button type="submit">{tc('show')}</Button>
      </form>
      {s.neighbours && <NeighboursList neighbours={s.neighbours} previous={s.previous} />}
    </div>
  );
}

/** The probes' neighbours, new ones in bold; redrawn only when a new list arrives, not on every progress report. */
const NeighboursList = memo(function NeighboursList({ neighbours, previous }: { neighbours: NonNullable<State['neighbours']>; previous: State['previous'] }) {
  const t = useTranslations('train.neighbours');
  const n = useNumbers();
  return (
    <div data-testid="w2v-neighbours" data-progress={neighbours.progress.toFixed(4)}>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{neighbours.progress === 0 ? t('before') : t('at', { percent: n.percent(neighbours.progress, 0) })}</p>
      <ul className="space-y-1">
        {neighbours.list.map((nb) => (
          <li key={nb.word} data-testid={`nb-${nb.word}`} className="break-words">
            <span className="font-semibold">{nb.word}</span>:{' '}
            {nb.nearest.length === 0 ? (
              <em className="text-zinc-500">{t('missing')}</em>
            ) : (
              nb.nearest.map((x, i) => (
                <span key={x.word} className={previous.get(nb.word)?.has(x.word) === false ? 'font-semibold text-sky-700 dark:text-sky-300' : undefined}>
                  {x.word}
                  {i < nb.nearest.length - 1 ? ', ' : ''}
                </span>
              ))
            )}
          </li>
        ))}
      </ul>
    </div>
  );
});

function clamp(text: string, min: number, max: number, fallback: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
