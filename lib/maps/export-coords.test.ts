import { describe, expect, it } from 'vitest';
import { csvField, float32Text, formatMapExport, parseTsvExport, tsvField, type ExportTable } from './export-coords';

const table = (words: string[], dims: 2 | 3 = 2, colour: ExportTable['colour'] = null): ExportTable => ({
  words,
  coords: Float32Array.from({ length: words.length * dims }, (_, i) => (i + 1) / 3),
  dims,
  axisLabels: ['PC 1 (10.0%)', 'PC 2 (5.0%)', 'PC 3 (2.0%)'],
  method: 'pca',
  colour,
});

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), out.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return out;
}

const AWKWARD = ['plain', 'tab\there', 'comma,here', 'quote"here', 'back\\slash', 'new\nline', ' edge'];

describe('float32Text(v)', () => {
  it('writes the fewest digits that read back to the same float32', () => {
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(-2.5)).toBe('-2.5');
    expect(float32Text(100)).toBe('100');
    for (const v of Float32Array.from([1e-7, 3.4e38, -1.17549435e-38, 123.456, Math.PI])) expect(Math.fround(Number(float32Text(v)))).toBe(v);
  });
});

describe('formatMapExport', () => {
  it('TSV: escapes tabs, line breaks and backslashes so each word stays one field, and parses back', () => {
    const t = table(AWKWARD);
    const text = formatMapExport(t, 'tsv');
    expect(text.split('\n')[0]).toBe('word\tx\ty');
    expect(text).toContain('tab\\there\t');
    expect(text).toContain('back\\\\slash\t');
    expect(text.trimEnd().split('\n')).toHaveLength(AWKWARD.length + 1);
    const { header, rows } = parseTsvExport(text);
    expect(header).toEqual(['word', 'x', 'y']);
    expect(rows.map((r) => r[0])).toEqual(AWKWARD);
    expect(rows.flatMap((r) => [Math.fround(Number(r[1])), Math.fround(Number(r[2]))])).toEqual(Array.from(t.coords));
  });

  it('CSV: quotes a field with a comma, quote, line break or edge space, doubling its quotes', () => {
    expect(csvField('comma,here')).toBe('"comma,here"');
    expect(csvField('quote"here')).toBe('"quote""here"');
    expect(csvField('tab\there')).toBe('tab\there');
    expect(csvField(' edge')).toBe('" edge"');
    const t = table(AWKWARD);
    const parsed = parseCsv(formatMapExport(t, 'csv'));
    expect(parsed[0]).toEqual(['word', 'x', 'y']);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(AWKWARD);
    expect(parsed.slice(1).every((r) => r.length === 3)).toBe(true);
  });

  it('adds the group or cluster column when the map is coloured, and z in 3-D', () => {
    const t = table(['paris', 'dog'], 3, { column: 'cluster', names: ['cluster 1: paris', 'cluster 2: dog'], of: [0, 1] });
    const { header, rows } = parseTsvExport(formatMapExport(t, 'tsv'));
    expect(header).toEqual(['word', 'x', 'y', 'z', 'cluster']);
    expect(rows.map((r) => r[4])).toEqual(['cluster 1: paris', 'cluster 2: dog']);
    // A colouring that does not fit the words (a stale one) is left out rather than misattributed.
    expect(parseTsvExport(formatMapExport({ ...t, colour: { column: 'group', names: ['a'], of: [0] } }, 'tsv')).header).toEqual(['word', 'x', 'y', 'z']);
  });

  it('JSON: the method, axes and one object per point with numbers for coordinates', () => {
    const t = table(['tab\there', 'b'], 2, { column: 'group', names: ['countries'], of: [0, 0] });
    const json = JSON.parse(formatMapExport(t, 'json'));
    expect(json).toMatchObject({ method: 'pca', dims: 2, axes: ['PC 1 (10.0%)', 'PC 2 (5.0%)'], n: 2 });
    expect(json.points[0]).toEqual({ word: 'tab\there', x: 0.33333334, y: 0.6666667, group: 'countries' });
    expect(Math.fround(json.points[0].x)).toBe(t.coords[0]); // the shortest text that is still the same float32
  });

  it('tsvField leaves ordinary words alone', () => {
    expect(tsvField('königin')).toBe('königin');
  });
});
