'use client';
/**
 * The map's words as a listbox: the keyboard's way to every point. Tab in, move with the arrow
 * keys, Page Up/Down, Home/End or by typing the start of a word; Enter (or Space) selects the word
 * as a click on its point does. While the list has focus, the map points at the word under the
 * cursor. Only the rows in view are rendered (the list may hold 10,000 words); the focus stays on
 * the listbox and aria-activedescendant names the current option.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

const ROW = 28;
const VISIBLE = 10;
const OVERSCAN = 6;
const PAGE = VISIBLE - 1;
/** Typing within this time extends the word being typed. */
const TYPEAHEAD_MS = 700;

interface Props {
  words: readonly string[];
  /** Map indices to list, in order. */
  items: readonly number[];
  selected: number;
  /** A colour swatch for a word, or null. */
  swatch: (index: number) => string | null;
  label: string;
  onSelect: (index: number) => void;
  /** The map index under the cursor while the list has focus, −1 otherwise. */
  onCursor: (index: number) => void;
}

export function WordList({ words, items, selected, swatch, label, onSelect, onCursor }: Props) {
  const t = useTranslations('map.list');
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const typed = useRef({ text: '', at: 0 });
  const count = items.length;
  const at = Math.min(active, Math.max(0, count - 1));

  // The cursor follows a selection made elsewhere (a click on the map, the word panel).
  useEffect(() => {
    const p = items.indexOf(selected);
    if (p >= 0) setActive(p);
  }, [selected, items]);

  // Keep the cursor's row in view.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const top = at * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [at]);

  useEffect(() => onCursor(focused && count > 0 ? items[at] : -1), [focused, at, items, count, onCursor]);

  const move = (p: number) => setActive(Math.max(0, Math.min(count - 1, p)));
  const typeahead = (key: string) => {
    const now = performance.now();
    const t = typed.current;
    t.text = now - t.at < TYPEAHEAD_MS ? t.text + key.toLowerCase() : key.toLowerCase();
    t.at = now;
    const start = t.text.length === 1 ? at + 1 : at; // a new letter moves on; a longer prefix may stay
    for (let k = 0; k < count; k++) {
      const p = (start + k) % count;
      if (words[items[p]].toLowerCase().startsWith(t.text)) return move(p);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + PAGE),
      PageUp: () => move(at - PAGE),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => count > 0 && onSelect(items[at]),
      ' ': () => count > 0 && onSelect(items[at]),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== '/') {
      e.preventDefault();
      typeahead(e.key);
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(count, first + VISIBLE + 2 * OVERSCAN);
  const optionId = (p: number) => `${id}-w${items[p]}`;
  return (
    <div
      ref={box}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={count > 0 ? optionId(at) : undefined}
      data-testid="word-list"
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      className="group relative overflow-y-auto rounded border border-zinc-200 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-800"
      style={{ height: Math.max(1, Math.min(count, VISIBLE)) * ROW + 2 }}
    >
      <div role="presentation" style={{ height: count * ROW, position: 'relative' }}>
        {Array.from({ length: last - first }, (_, k) => {
          const p = first + k;
          const i = items[p];
          const colour = swatch(i);
          return (
            <div
              key={i}
              id={optionId(p)}
              role="option"
              aria-selected={i === selected}
              aria-setsize={count}
              aria-posinset={p + 1}
              data-word={words[i]}
              data-active={p === at || undefined}
              onMouseDown={(e) => e.preventDefault()} // keep the focus on the listbox
              onClick={() => {
                setActive(p);
                box.current?.focus();
                onSelect(i);
              }}
              className="absolute inset-x-0 flex cursor-pointer items-center gap-2 px-2 aria-selected:font-semibold data-[active]:bg-zinc-100 group-focus:data-[active]:bg-sky-100 group-focus:data-[active]:outline group-focus:data-[active]:outline-2 group-focus:data-[active]:-outline-offset-2 group-focus:data-[active]:outline-sky-600 dark:data-[active]:bg-zinc-800 dark:group-focus:data-[active]:bg-sky-950"
              style={{ top: p * ROW, height: ROW }}
            >
              <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: colour ?? 'transparent' }} />
              <span className="truncate font-mono">{words[i]}</span>
              {i === selected && <span className="ml-auto text-xs font-normal text-amber-700 dark:text-amber-400">{t('selected')}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
