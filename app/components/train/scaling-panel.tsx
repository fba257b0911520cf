'use client';
/**
 * What more data buys: the same word2vec training on 1/8, 1/4, 1/2 and all of the corpus, then
 * GloVe 6B (6 billion words, loaded from this site) through the same measures, on log axes.
 * Nothing here is precomputed: the button runs it all in a worker.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useReducer } from 'react';
import { withBase } from '@/app/base-path';
import { GENSIM_DEFAULTS } from '@/lib/train/word2vec';
import { GLOVE_6B_TOKENS, SCALING_FRACTIONS, type ScalingPoint } from '@/lib/train/scaling';
import type { ScalingStage, TrainResponse } from '@/lib/worker/train-protocol';
import { corpusRequest, type CorpusChoice } from './corpus-choice';
import { useTrainWorker } from './use-train-worker';
import { LogChart } from './log-chart';
import { Button, ErrorLine, Note, ProgressBar, useNumbers, type TrainFailure } from './ui';

/** What the progress line says: a stage from the worker, or the panel's own starting, stopped and done. */
type Message = ScalingStage | { stage: 'loading' } | { stage: 'stopped' } | { stage: 'done'; seconds: number } | null;

interface State {
  status: 'idle' | 'running' | 'done' | 'error';
  message: Message;
  done: number;
  total: number;
  points: ScalingPoint[];
  error?: TrainFailure;
}

const initial: State = { status: 'idle', message: null, done: 0, total: 1, points: [] };

function reducer(s: State, a: TrainResponse | { type: 'start' } | { type: 'stop' }): State {
  switch (a.type) {
    case 'start':
      return { ...initial, status: 'running', message: { stage: 'loading' } };
    case 'stop':
      return { ...s, status: 'idle', message: { stage: 'stopped' } };
    case 'scaling-status':
      return { ...s, message: a.status, done: a.done, total: a.total };
    case 'scaling-point':
      return { ...s, points: [...s.points, a.point] };
    case 'done':
      return { ...s, status: 'done', done: s.total, message: { stage: 'done', seconds: a.seconds } };
    case 'error':
      return { ...s, status: 'error', error: { code: a.code, params: a.params } };
    default:
      return s;
  }
}

const shareOf = (fraction: number) => `1/${Math.round(1 / fraction)}`;

export function ScalingPanel({ corpus }: { corpus: CorpusChoice }) {
  const t = useTranslations('train.scaling');
  const format = useFormatter();
  const n = useNumbers();
  const pct = (x: number) => n.percent(x, x < 0.1 ? 2 : 1);
  const label = (p: ScalingPoint) =>
    p.kind === 'pretrained' ? t('pretrained', { name: p.label, tokens: p.tokens }) : t('share', { share: p.label === 'all' ? t('all') : p.label });
  const message = (m: Message) => {
    if (!m) return '';
    switch (m.stage) {
      case 'loading':
        return t('loadingText');
      case 'stopped':
        return t('stopped');
      case 'done':
        return t('done', { seconds: m.seconds });
      case 'training':
        return t('training', { share: m.fraction === 1 ? t('all') : shareOf(m.fraction) });
      case 'glove':
        return m.percent === null ? t('glove') : t('glovePercent', { percent: n.percent(m.percent / 100, 0) });
    }
  };
  const [s, dispatch] = useReducer(reducer, initial);
  const { post, terminate } = useTrainWorker(dispatch);
  // Stable series: the charts redraw when a point arrives, not on every progress report.
  const [analogySeries, pairSeries] = useMemo(() => {
    const corpusPoints = s.points.filter((p) => p.kind === 'corpus');
    const glove = s.points.find((p) => p.kind === 'pretrained');
    const series = (y: (p: ScalingPoint) => number, text: (p: ScalingPoint) => string) => [
      { name: t('ours'), line: true, x: corpusPoints.map((p) => p.tokens), y: corpusPoints.map(y), text: corpusPoints.map(text) },
      ...(glove ? [{ name: t('gloveSeries'), line: false, x: [glove.tokens], y: [y(glove)], text: [text(glove)] }] : []),
    ];
    return [
      series((p) => Math.max(p.analogy.accuracy, 1e-4), (p) => `${label(p)}: ${pct(p.analogy.accuracy)}`),
      series((p) => Math.max(p.pairs.recall, 1e-4), (p) => `${label(p)}: ${pct(p.pairs.recall)}`),
    ];
    // label and pct depend on the locale only, which does not change while the page is open
  }, [s.points]);
  return (
    <section aria-label={t('label')} data-testid="scaling" data-status={s.status} className="space-y-3">
      <h2 className="text-xl font-semibold">{t('heading')}</h2>
      <Note>
        {t('note', {
          epochs: GENSIM_DEFAULTS.epochs,
          seed: GENSIM_DEFAULTS.seed,
          fractions: format.list(SCALING_FRACTIONS.map((f) => (f === 1 ? t('all') : shareOf(f)))),
          tokens: GLOVE_6B_TOKENS,
        })}
      </Note>
      <div className="flex flex-wrap items-center gap-3">
        {s.status === 'running' ? (
          <Button
            onClick={() => {
              terminate();
              dispatch({ type: 'stop' });
            }}
          >
            {t('stop')}
          </Button>
        ) : (
          <Button
            primary
            data-testid="scaling-start"
            onClick={() => {
              dispatch({ type: 'start' });
              post(corpusRequest(corpus));
              post({ type: 'scaling-start', options: {}, fractions: SCALING_FRACTIONS, gloveUrl: new URL(withBase('/data/glove-6b-100d'), window.location.href).href });
            }}
          >
            {s.status === 'done' ? t('again') : t('run')}
          </Button>
        )}
      </div>
      {s.status === 'running' && <ProgressBar value={s.done / s.total} label={message(s.message)} testId="scaling-progress" />}
      {s.status !== 'running' && s.message && <p className="text-xs text-zinc-600 dark:text-zinc-400">{message(s.message)}</p>}
      <ErrorLine error={s.error} />
      {s.points.length > 0 && (
        <>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm" data-testid="scaling-table">
              <thead className="text-xs text-zinc-600 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pr-3 font-medium">{t('trainedOn')}</th>
                  <th className="py-1 pr-3 font-medium">{t('words')}</th>
                  <th className="py-1 pr-3 font-medium">{t('vocab')}</th>
                  <th className="py-1 pr-3 font-medium">{t('analogies')}</th>
                  <th className="py-1 pr-3 font-medium">{t('related')}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {s.points.map((p) => (
                  <tr key={p.label} className="border-t border-zinc-200 dark:border-zinc-800">
                    <td className="py-1 pr-3">{label(p)}</td>
                    <td className="py-1 pr-3">{n.integer(p.tokens)}</td>
                    <td className="py-1 pr-3">{n.integer(p.vocab)}</td>
                    <td className="py-1 pr-3">{t('of', { share: pct(p.analogy.accuracy), count: p.analogy.correct, total: p.analogy.total })}</td>
                    <td className="py-1 pr-3">{t('of', { share: pct(p.pairs.recall), count: p.pairs.hits, total: p.pairs.total })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <LogChart
              testId="scaling-analogy"
              title={t('analogyTitle')}
              xTitle={t('wordsAxis')}
              yTitle={t('shareAxis')}
              series={analogySeries}
            />
            <LogChart
              testId="scaling-pairs"
              title={t('pairsTitle')}
              xTitle={t('wordsAxis')}
              yTitle={t('pairsAxis')}
              series={pairSeries}
            />
          </div>
          <Note>{t('caveat')}</Note>
        </>
      )}
    </section>
  );
}
