'use client';
/**
 * A sentence of the walk's prose from the messages, with its markup: `<em>words</em>` for emphasis
 * and `<term-ID>words</term-ID>` for a glossary term (<Term>, explained on hover or focus). A term
 * keeps the punctuation right after it on its line (a term is an inline block, which a line could
 * otherwise break after, leaving a comma or a Chinese full stop at the start of the next line).
 */
import { useTranslations } from 'next-intl';
import { isValidElement, type ReactNode } from 'react';
import { GLOSSARY_IDS } from '@/lib/glossary';
import { Term } from '../term';

const TAGS: Record<string, (chunks: ReactNode) => ReactNode> = {
  em: (c) => <em>{c}</em>,
  ...Object.fromEntries(GLOSSARY_IDS.map((id) => [`term-${id}`, (c: ReactNode) => <Term id={id}>{c}</Term>])),
};

/** Punctuation that must not start a line, at the start of a text. */
const CLINGING = /^[.,;:!?)\]’”…，。；：！？）」』、]+/;

/** Each term with the punctuation that follows it, kept together on one line. */
function clingPunctuation(nodes: ReactNode): ReactNode {
  if (!Array.isArray(nodes)) return nodes;
  const parts = [...nodes];
  const out: ReactNode[] = [];
  for (let i = 0; i < parts.length; i++) {
    const node = parts[i];
    const next = parts[i + 1];
    const cling = isValidElement(node) && node.type === Term && typeof next === 'string' ? (CLINGING.exec(next)?.[0] ?? '') : '';
    if (!cling) {
      out.push(node);
      continue;
    }
    parts[i + 1] = next.slice(cling.length);
    out.push(
      <span key={`cling-${i}`} className="whitespace-nowrap">
        {node}
        {cling}
      </span>,
    );
  }
  return out;
}

/** The walk's message `id` (under walk) with its markup and values. */
export function RichText({ id, values = {} }: { id: string; values?: Record<string, string | number> }) {
  const t = useTranslations('walk');
  return <>{clingPunctuation(t.rich(id, { ...values, ...TAGS }))}</>;
}
