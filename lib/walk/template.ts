/**
 * The walk's texts are whole sentences kept in one place (lib/walk/steps.ts and each widget's
 * TEXT), so that a translation can replace each one as a unit. Two small notations make that
 * possible without gluing fragments together in JSX:
 *  - `{name}` placeholders, filled with numbers and words at run time (`fill`);
 *  - `[shown words](term:ID)` for a glossary term and `*words*` for emphasis (`parseRich`).
 */

/** `template` with each `{name}` replaced by `values[name]`; a placeholder without a value is a bug and throws. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`the text "${template}" needs a value for {${name}}`);
    return String(values[name]);
  });
}

export type RichSegment = { kind: 'text'; text: string } | { kind: 'em'; text: string } | { kind: 'term'; text: string; id: string };

const RICH = /\[([^\]]+)\]\(term:([A-Za-z0-9]+)\)|\*([^*]+)\*/g;

/** Splits a sentence into plain text, emphasised words and glossary terms, in order. */
export function parseRich(text: string): RichSegment[] {
  const out: RichSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(RICH)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'term', text: m[1], id: m[2] });
    else out.push({ kind: 'em', text: m[3] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** The glossary ids a text refers to (for checking that every one exists). */
export function termIds(text: string): string[] {
  return parseRich(text).flatMap((s) => (s.kind === 'term' ? [s.id] : []));
}
