'use client';
/**
 * The chosen words on a 2-D map, epoch by epoch: every frame through the same projection and in
 * the same axis ranges, so a word that moves on screen moved in the vectors. A slider picks the
 * epoch (the latest by default), Play steps through them with the words gliding to their new
 * places, and a faint trail shows each word's path so far. Plain SVG: cheap to redraw while training.
 */
import { useTranslations } from 'next-intl';
import { memo, useEffect, useState } from 'react';
import type { MapFrames } from '@/lib/worker/train-protocol';
import { Button, useNumbers } from './ui';

const W = 640;
const H = 440;
const PAD = 36;

export const WordMap = memo(function WordMap({ map, dims }: { map: MapFrames; dims: number }) {
  const t = useTranslations('train.map');
  const n = useNumbers();
  const last = map.frames.length - 1;
  const [chosen, setChosen] = useState<number | null>(null); // null: follow the latest frame
  const [playing, setPlaying] = useState(false);
  const frame = Math.min(chosen ?? last, last);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setChosen((f) => {
        const next = (f ?? 0) + 1;
        if (next >= last) setPlaying(false);
        return Math.min(next, last);
      });
    }, 900);
    return () => clearInterval(timer);
  }, [playing, last]);

  // One frame of reference for all epochs: the bounding box of every frame.
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (const f of map.frames) {
    for (let i = 0; i < f.length; i++) {
      lo[i % 2] = Math.min(lo[i % 2], f[i]);
      hi[i % 2] = Math.max(hi[i % 2], f[i]);
    }
  }
  const scale = (v: number, axis: 0 | 1) => {
    const span = hi[axis] - lo[axis] || 1;
    const t = (v - lo[axis]) / span;
    return axis === 0 ? PAD + t * (W - 2 * PAD) : H - PAD - t * (H - 2 * PAD);
  };
  const at = (f: number, w: number) => [scale(map.frames[f][2 * w], 0), scale(map.frames[f][2 * w + 1], 1)] as const;

  return (
    <div className="space-y-2" data-testid="word-map" data-frames={map.frames.length} data-frame={frame}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <span>{t('afterEpoch')}</span>
          <input
            type="range"
            min={0}
            max={last}
            value={frame}
            onChange={(e) => {
              setPlaying(false);
              setChosen(Number(e.target.value) === last ? null : Number(e.target.value));
            }}
            data-testid="map-frame"
            aria-label={t('frameLabel')}
          />
          <span className="tabular-nums">{frame === 0 ? t('randomStart') : frame}</span>
        </label>
        <Button
          disabled={last < 1}
          onClick={() => {
            setChosen(0);
            setPlaying(true);
          }}
        >
          {t('play')}
        </Button>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full rounded border border-zinc-200 text-zinc-800 dark:border-zinc-800 dark:text-zinc-200" role="img" aria-label={t('aria', { count: map.words.length, epoch: frame })}>
        <text x={12} y={24} className="fill-current text-[22px] sm:text-[13px]">
          {frame === 0 ? t('before') : t('after', { epoch: frame })}
        </text>
        {map.words.map((word, w) => (
          <polyline
            key={`trail-${word}`}
            points={Array.from({ length: frame + 1 }, (_, f) => at(f, w).join(',')).join(' ')}
            fill="none"
            className="stroke-zinc-400/50 dark:stroke-zinc-500/50"
          />
        ))}
        {map.words.map((word, w) => {
          const [x, y] = at(frame, w);
          return (
            <g key={word} style={{ transform: `translate(${x}px, ${y}px)`, transition: 'transform 0.8s ease-in-out' }} data-word={word}>
              <circle r={4} className="fill-sky-600 dark:fill-sky-400" />
              <text y={-8} textAnchor="middle" className="fill-current text-[20px] sm:text-[12px]">
                {word}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t('axes', { epoch: map.axes.epoch, x: n.percent(map.axes.x, 0), y: n.percent(map.axes.y, 0), dims })}
        {map.missing.length > 0 && <> {t('missing', { words: map.missing.join(', ') })}</>}
      </p>
    </div>
  );
});
