/**
 * A map's projected coordinates as a file: one row per word with x, y (and z), plus the group or
 * cluster when the map is coloured by one. Three formats:
 *
 *   TSV   a header line, then tab-separated fields; a tab, new line, carriage return or backslash
 *         inside a word is written \t, \n, \r or \\ (the usual escaping of "linear" TSV).
 *   CSV   RFC 4180: a field with a comma, a double quote, a line break or edge spaces is quoted,
 *         and its quotes doubled; lines end with CRLF.
 *   JSON  {"method","dims","axes","points":[{"word","x","y","z"?,"group"?}]}, the same points as
 *         `npm run -s project -- --json` prints.
 *
 * Coordinates are float32 (as computed) written in the fewest digits that read back to the same
 * float32, so a file parses back to exactly the plotted values.
 */

export type ExportFormat = 'tsv' | 'csv' | 'json';
export const EXPORT_FORMATS: ExportFormat[] = ['tsv', 'csv', 'json'];

export interface ExportTable {
  words: readonly string[];
  /** n × dims, row-major. */
  coords: Float32Array;
  dims: 2 | 3;
  /** What each axis is (e.g. "PC 1 (12.3%)"), for the JSON file. */
  axisLabels: string[];
  method: string;
  /** The colouring, when the map is coloured by group or cluster: its column name and each word's entry. */
  colour?: { column: 'group' | 'cluster'; names: readonly string[]; of: ArrayLike<number> } | null;
}

const AXES = ['x', 'y', 'z'];

/** The shortest decimal text of a float32 value that reads back (parseFloat, then to float32) to the same value. */
export function float32Text(value: number): string {
  const v = Math.fround(value);
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text)); // "1.50" → "1.5", "1e+2" → "100"
  }
  return String(Number(v.toPrecision(9)));
}

/** A TSV field: tab, line breaks and backslash escaped with a backslash. */
export function tsvField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of the export, header first: word, x, y[, z][, group|cluster]. */
function rows(t: ExportTable): string[][] {
  const n = t.words.length;
  if (t.coords.length < n * t.dims) throw new RangeError(`export: ${t.coords.length} coordinates for ${n} words in ${t.dims}-D, need ${n * t.dims}`);
  const colour = t.colour && t.colour.of.length === n ? t.colour : null;
  const header = ['word', ...AXES.slice(0, t.dims), ...(colour ? [colour.column] : [])];
  const body = t.words.map((word, i) => [
    word,
    ...Array.from({ length: t.dims }, (_, d) => float32Text(t.coords[i * t.dims + d])),
    ...(colour ? [colour.names[colour.of[i]] ?? ''] : []),
  ]);
  return [header, ...body];
}

/** The whole file's text in `format`. */
export function formatMapExport(t: ExportTable, format: ExportFormat): string {
  switch (format) {
    case 'tsv':
      return rows(t).map((r) => r.map(tsvField).join('\t')).join('\n') + '\n';
    case 'csv':
      return rows(t).map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
    case 'json': {
      const [header, ...body] = rows(t);
      const points = body.map((r) => Object.fromEntries(r.map((value, c) => [header[c], c > 0 && c <= t.dims ? Number(value) : value])));
      // One point per line: readable, and diffable, without a line per field.
      const head = JSON.stringify({ method: t.method, dims: t.dims, axes: t.axisLabels.slice(0, t.dims), n: t.words.length }).slice(0, -1);
      return `${head},"points":[\n${points.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
    }
  }
}

/** The MIME type of each format (for the download). */
export const EXPORT_MIME: Record<ExportFormat, string> = {
  tsv: 'text/tab-separated-values;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/** Reads a TSV export back: the header's columns and each row's fields, escapes undone. */
export function parseTsvExport(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((line) => line !== '');
  const unescape = (field: string) => field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c);
  const [header = [], ...rest] = lines.map((line) => line.split('\t').map(unescape));
  return { header, rows: rest };
}
