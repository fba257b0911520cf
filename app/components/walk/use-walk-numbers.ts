'use client';
/**
 * Numbers as the walk prints them, in the reader's locale: probabilities never in exponent
 * notation, logit differences with their sign (a true minus), ranks as the language writes them.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';

export interface WalkNumbers {
  /** A number with exactly `digits` decimals. */
  fixed: (value: number, digits: number) => string;
  /** The same, or a dash for a missing value. */
  maybe: (value: number | null | undefined, digits: number) => string;
  /** A whole number with the locale's grouping ("12,288"). */
  int: (value: number) => string;
  /** "12.3%", "0.05%", "< 0.01%", and "0%" only for zero. */
  percent: (p: number) => string;
  /** "+2.31", "−0.40". */
  signed: (value: number, digits?: number) => string;
  /** "#1,204" (English), "第 1,204 名" (Chinese). */
  rank: (rank: number) => string;
}

export function useWalkNumbers(): WalkNumbers {
  const format = useFormatter();
  const t = useTranslations('walk.numbers');
  return useMemo(() => {
    const fixed = (value: number, digits: number) => format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const pct = (p: number, digits: number) => format.number(p, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
    return {
      fixed,
      maybe: (value, digits) => (value === null || value === undefined ? t('none') : fixed(value, digits)),
      int: (value) => format.number(value),
      percent: (p) => (p >= 0.001 ? pct(p, 1) : p >= 0.0001 ? pct(p, 2) : p > 0 ? t('below', { value: pct(0.0001, 2) }) : pct(0, 0)),
      signed: (value, digits = 2) => (value >= 0 ? '+' : '−') + fixed(Math.abs(value), digits),
      rank: (rank) => t('rank', { rank: format.number(rank) }),
    };
  }, [format, t]);
}
