'use client';
import { useState } from 'react';
import type { LatencyReport } from '@/lib/vectors/latency';
import type { Method } from '@/lib/vectors/methods';
import { DEFAULT_SET } from '@/lib/vectors/set-index';
import type { WireError } from '@/lib/worker/protocol';
import { LoadProgress } from '../components/load-progress';
import { useVectors } from '../hooks/use-vectors';

export function SpeedCheck() {
  const { state, latency, retry } = useVectors(DEFAULT_SET);
  const [report, setReport] = useState<LatencyReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (method: Method) => {
    setRunning(true);
    setError(null);
    latency(200, method)
      .then(setReport)
      .catch((e: WireError) => setError(e.message))
      .finally(() => setRunning(false));
  };
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
            {running ? 'Running…' : `Run 200 ${m === '3cosadd' ? '3CosAdd' : '3CosMul'} queries`}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
      {report && (
        <dl data-testid="latency-report" data-report={JSON.stringify(report)} className="grid grid-cols-[auto_1fr] gap-x-4 text-sm">
          <dt>Method</dt>
          <dd data-testid="latency-method">
            {report.method === '3cosadd' ? '3CosAdd: cos(x, b − a + c)' : '3CosMul: cos(x, b)·cos(x, c) / (cos(x, a) + ε), cosines shifted to [0, 1]'}, {report.runs} queries
          </dd>
          <dt>Words searched</dt>
          <dd>{report.words.toLocaleString('en')} × {report.dims} dims</dd>
          <dt>Kernel</dt>
          <dd>{report.kernel}</dd>
          <dt>Median query</dt>
          <dd>{report.queryMedianMs.toFixed(2)} ms (90th percentile {report.queryP90Ms.toFixed(2)} ms)</dd>
          <dt>Median kernel pass</dt>
          <dd>{report.kernelPassMedianMs.toFixed(2)} ms</dd>
        </dl>
      )}
    </div>
  );
}
