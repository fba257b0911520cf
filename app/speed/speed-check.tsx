'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { LatencyReport } from '@/lib/vectors/latency';
import type { Method } from '@/lib/vectors/methods';
import { DEFAULT_SET } from '@/lib/vectors/set-index';
import type { WireError } from '@/lib/worker/protocol';
import { useErrorText } from '../components/error-message';
import { LoadProgress } from '../components/load-progress';
import { useVectors } from '../hooks/use-vectors';

const METHOD_NAMES = { '3cosadd': '3CosAdd', '3cosmul': '3CosMul' } as const;

export function SpeedCheck() {
  const t = useTranslations('speed');
  const errorText = useErrorText();
  const { state, latency, retry } = useVectors(DEFAULT_SET);
  const [report, setReport] = useState<LatencyReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const run = (method: Method) => {
    setRunning(true);
    setError(null);
    latency(200, method)
      .then(setReport)
      .catch((e: WireError) => setError(e))
      .finally(() => setRunning(false));
  };
  const ms = (value: number) => t('ms', { ms: value.toFixed(2) });
  return (
    <div className="space-y-3">
      <LoadProgress state={state} onRetry={retry} />
      <div className="flex gap-2">
        {(['3cosadd', '3cosmul'] as const).map((m) => (
          <button
            key={m}
            type="button"
            data-testid={`run-${m}`}
            disabled={state.status !== 'ready' || running}
            onClick={() => run(m)}
            className="rounded bg-sky-700 px-4 py-2 text-white disabled:opacity-50"
          >
            {running ? t('running') : t('run', { runs: 200, method: METHOD_NAMES[m] })}
          </button>
        ))}
      </div>
      {error && <p role="alert">{errorText(error)}</p>}
      {report && (
        <dl data-testid="latency-report" data-report={JSON.stringify(report)} className="grid grid-cols-[auto_1fr] gap-x-4 text-sm">
          <dt>{t('report.method')}</dt>
          <dd data-testid="latency-method">{t(report.method === '3cosadd' ? 'report.add' : 'report.mul', { runs: report.runs })}</dd>
          <dt>{t('report.words')}</dt>
          <dd>{t('report.size', { words: report.words, dims: report.dims })}</dd>
          <dt>{t('report.kernel')}</dt>
          <dd>{report.kernel}</dd>
          <dt>{t('report.query')}</dt>
          <dd>{t('report.queryTimes', { median: ms(report.queryMedianMs), p90: ms(report.queryP90Ms) })}</dd>
          <dt>{t('report.pass')}</dt>
          <dd>{ms(report.kernelPassMedianMs)}</dd>
        </dl>
      )}
    </div>
  );
}
