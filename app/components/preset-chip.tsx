/** An example button (the article's analogies, the context and layers presets); `active` marks the one shown. */
import type { ButtonHTMLAttributes } from 'react';

export function PresetChip({ active, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { active: boolean }) {
  return (
    <button
      type="button"
      data-testid="preset"
      aria-pressed={active}
      className="shrink-0 whitespace-nowrap rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-pressed:border-sky-600 aria-pressed:bg-sky-50 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:bg-sky-950"
      {...props}
    />
  );
}
