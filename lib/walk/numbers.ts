/**
 * Numbers as the walk prints them, the same way as the layers page: probabilities never in
 * exponent notation, logit differences with their sign.
 */

/** "12.3%", "0.05%", "< 0.01%", and "0%" only for zero. */
export function percent(p: number): string {
  if (p >= 0.001) return `${(100 * p).toFixed(1)}%`;
  if (p >= 0.0001) return `${(100 * p).toFixed(2)}%`;
  return p > 0 ? '< 0.01%' : '0%';
}

/** "+2.31", "−0.40" (a true minus sign). */
export function signed(v: number, digits = 2): string {
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;
}

/** "#1", "#1,204". */
export function rankText(rank: number): string {
  return `#${rank.toLocaleString('en')}`;
}
