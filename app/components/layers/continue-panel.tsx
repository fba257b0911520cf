'use client';
/**
 * Text that continues: the model appends its next token and runs again, up to a chosen count,
 * greedy or sampled (temperature, top-k, top-p, seed). Tokens appear as they come; Stop ends it
 * after the current step; clicking a token shows the layers at the step that chose it.
 */
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import { MAX_NEW_TOKENS } from '@/lib/gpt2/generate';
import type { ContinueSettings } from '@/lib/route-state/layers-state';
import type { ErrorReport } from '@/lib/gpt2/errors';
import type { GenerateResult, GeneratedToken } from '@/lib/worker/gpt2-protocol';
import { problemOf, useErrorText } from '../gpt2/gpt2-text';
import { showToken } from './token-text';

interface Props {
  gpt2: Pick<Gpt2Handle, 'generate' | 'stop'>;
  prompt: string;
  disabled: boolean;
  settings: ContinueSettings;
  onSettings: (patch: Partial<ContinueSettings>) => void;
  /** Show the layers for this text (the prompt plus the tokens before the clicked one). */
  onView: (text: string) => void;
}

export function ContinuePanel({ gpt2, prompt, disabled, settings, onSettings, onView }: Props) {
  const t = useTranslations('layers.continue');
  const errorText = useErrorText();
  const [run, setRun] = useState<{ base: string; tokens: GeneratedToken[]; result: GenerateResult | null; error: ErrorReport | null } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const running = run !== null && run.result === null && run.error === null;
  const started = useRef(0);

  const start = async () => {
    const base = prompt;
    const id = ++started.current;
    setViewing(null);
    setRun({ base, tokens: [], result: null, error: null });
    try {
      const result = await gpt2.generate(
        { prompt: base, maxTokens: settings.count, seed: settings.seed, sampling: { mode: settings.mode, temperature: settings.temperature, topK: settings.topK, topP: settings.topP } },
        (token) => id === started.current && setRun((r) => r && { ...r, tokens: [...r.tokens, token] }),
      );
      if (id !== started.current) return;
      setRun((r) => r && { ...r, result });
      onView(base + result.tokens.map((t) => t.text).join(''));
    } catch (e) {
      if (id === started.current) setRun((r) => r && { ...r, error: problemOf(e) });
    }
  };

  const view = (i: number) => {
    if (!run) return;
    setViewing(i);
    onView(run.base + run.tokens.slice(0, i).map((t) => t.text).join(''));
  };

  const total = run?.tokens.reduce((a, t) => a + t.ms, 0) ?? 0;
  const input = 'w-16 rounded border border-zinc-300 bg-white px-1 font-mono dark:border-zinc-700 dark:bg-zinc-900';
  const heading = t('heading');
  const titles = { topK: t('topKTitle'), topP: t('topPTitle'), seed: t('seedTitle') };
  const tokenTitle = (i: number, token: GeneratedToken) => t('tokenTitle', { step: i + 1, id: token.id, p: (100 * token.prob).toFixed(1), ms: token.ms.toFixed(0) });
  return (
    <section aria-label={heading} className="space-y-3">
      <h2 className="text-lg font-semibold">{heading}</h2>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          {t('count')}{' '}
          <input
            type="number"
            data-testid="continue-count"
            min={1}
            max={MAX_NEW_TOKENS}
            value={settings.count}
            onChange={(e) => onSettings({ count: Math.max(1, Math.min(MAX_NEW_TOKENS, Math.round(Number(e.target.value)) || 1)) })}
            className={input}
          />
        </label>
        <fieldset className="flex gap-3">
          <legend className="sr-only">{t('modeLegend')}</legend>
          <label>
            <input type="radio" name="continue-mode" data-testid="mode-greedy" checked={settings.mode === 'greedy'} onChange={() => onSettings({ mode: 'greedy' })} /> {t('greedy')}
          </label>
          <label>
            <input type="radio" name="continue-mode" data-testid="mode-sample" checked={settings.mode === 'sample'} onChange={() => onSettings({ mode: 'sample' })} /> {t('sampled')}
          </label>
        </fieldset>
        {settings.mode === 'sample' && (
          <>
            <label>
              {t('temperature')}{' '}
              <input type="number" data-testid="continue-temperature" min={0.05} max={5} step={0.05} value={settings.temperature} onChange={(e) => onSettings({ temperature: Number(e.target.value) || 1 })} className={input} />
            </label>
            <label title={titles.topK}>
              {t('topK')} <input type="number" data-testid="continue-top-k" min={0} step={1} value={settings.topK} onChange={(e) => onSettings({ topK: Math.max(0, Math.round(Number(e.target.value)) || 0) })} className={input} />
            </label>
            <label title={titles.topP}>
              {t('topP')} <input type="number" data-testid="continue-top-p" min={0.01} max={1} step={0.01} value={settings.topP} onChange={(e) => onSettings({ topP: Math.min(1, Math.max(0.01, Number(e.target.value) || 1)) })} className={input} />
            </label>
            <label title={titles.seed}>
              {t('seed')} <input type="number" data-testid="continue-seed" min={0} step={1} value={settings.seed} onChange={(e) => onSettings({ seed: Math.max(0, Math.round(Number(e.target.value)) || 0) })} className={input} />
            </label>
          </>
        )}
        {running ? (
          <button type="button" data-testid="stop-generation" onClick={() => gpt2.stop()} className="rounded bg-red-700 px-4 py-1 font-medium text-white hover:bg-red-800">
            {t('stop')}
          </button>
        ) : (
          <button type="button" data-testid="continue" disabled={disabled} onClick={() => void start()} className="rounded bg-sky-700 px-4 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50">
            {t('continue')}
          </button>
        )}
      </div>
      {run && (
        <div className="space-y-1">
          <p data-testid="continuation" className="whitespace-pre-wrap rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800">
            <span className="text-zinc-500">{run.base}</span>
            {run.tokens.map((tok, i) => (
              <button
                key={i}
                type="button"
                data-testid="generated-token"
                data-index={i}
                data-token={tok.id}
                aria-pressed={viewing === i}
                title={tokenTitle(i, tok)}
                onClick={() => view(i)}
                className="rounded px-px hover:bg-sky-100 aria-pressed:ring-2 aria-pressed:ring-amber-600 dark:hover:bg-sky-900"
              >
                {tok.text === '\n' ? '↵\n' : tok.text || showToken(tok.text)}
              </button>
            ))}
            {running && <span className="animate-pulse text-zinc-400">▍</span>}
          </p>
          <p data-testid="generation-timing" data-tokens={run.tokens.length} data-ms={total.toFixed(0)} className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('timing', {
              count: run.tokens.length,
              seconds: (total / 1000).toFixed(2),
              perToken: run.tokens.length > 0 ? (total / run.tokens.length).toFixed(0) : 'none',
              stop: run.result?.stop ?? 'none',
              eot: '<|endoftext|>',
            })}
          </p>
          {run.error && (
            <p role="alert" data-testid="generation-error" className="text-sm text-red-800 dark:text-red-200">
              {errorText(run.error)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
