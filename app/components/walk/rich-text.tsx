/**
 * A sentence of the walk's prose with its glossary terms (<Term>, explained on hover or focus) and
 * emphasised words, from the notation of lib/walk/template.ts. A term keeps the punctuation right
 * after it on its line (a term is an inline block, which a line could otherwise break after).
 */
import { GLOSSARY, type GlossaryId } from '@/lib/glossary';
import { parseRich, type RichSegment } from '@/lib/walk/template';
import { Term } from '../term';

const isGlossaryId = (id: string): id is GlossaryId => id in GLOSSARY;

/** Punctuation that must not start a line, at the start of a text. */
const CLINGING = /^[.,;:!?)\]’”…]+/;

export function RichText({ text }: { text: string }) {
  const segments = parseRich(text);
  const out: React.ReactNode[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'em') out.push(<em key={i}>{s.text}</em>);
    else if (s.kind === 'text') out.push(<span key={i}>{s.text}</span>);
    else {
      const next: RichSegment | undefined = segments[i + 1];
      const cling = next?.kind === 'text' ? (CLINGING.exec(next.text)?.[0] ?? '') : '';
      if (cling) segments[i + 1] = { kind: 'text', text: next!.text.slice(cling.length) };
      const term = isGlossaryId(s.id) ? <Term id={s.id}>{s.text}</Term> : s.text;
      out.push(
        <span key={i} className="whitespace-nowrap">
          {term}
          {cling}
        </span>,
      );
    }
  }
  return <>{out}</>;
}
