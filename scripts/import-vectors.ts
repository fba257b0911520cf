/**
 * `npm run -s import -- FILE --name NAME`: converts GloVe .txt, word2vec .txt/.bin and fastText
 * .vec files into a set under models/ (format in models/README.md). Streams the file, so a
 * multi-gigabyte input needs little memory; FILE may be a named pipe, or `-` for standard input.
 * Exit codes: 0 done, 1 import failed (nothing written), 2 bad arguments.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SET_NAME_PATTERN } from '../lib/vectors/format';
import { DEFAULT_LICENCE, displayPath, importVectorFile, STDIN, type ImportProgress } from '../lib/node/import/import-file';
import { VECTOR_FORMATS, type VectorFormat } from '../lib/node/import/readers';
import { modelsDir } from '../lib/node/vector-set-reader';

const USAGE = `usage: npm run -s import -- FILE --name NAME [options]

Converts word vectors into a set the app can load (models/NAME/).
Reads GloVe .txt, word2vec .txt and .bin, and fastText .vec files (uncompressed).
Rows that are all zero (also after rounding to float32) have no direction, so no
neighbours: they are skipped, and their number and first positions are reported.

  FILE               the vectors file, a named pipe, or - for standard input
                     (e.g. gunzip -c vectors.txt.gz | npm run -s import -- - --name NAME)
  --name NAME        set name: 1-64 of a-z 0-9 . _ - (required)
  --format FORMAT    auto (default), glove, word2vec-text, word2vec-bin or fasttext
                     (auto: .bin is word2vec binary; a first line "COUNT DIMS" is
                     word2vec/fastText text; otherwise GloVe)
  --title TEXT       title shown in the app (default: the file's name)
  --source TEXT      where the vectors came from, shown in the app (default: the
                     file's name, without its folders; "standard input" for -)
  --licence TEXT     their licence (default: "${DEFAULT_LICENCE}")
  --limit N          import only the first N rows (the most frequent words; skipped
                     all-zero rows do not count)
  --force            replace an existing set of that name
  --models-dir DIR   where sets are stored (default: $WVE_MODELS_DIR or ./models)
  --json             print the manifest instead of the summary line
  -h, --help         show this help
`;

class UsageError extends Error {}

interface Cli {
  file: string;
  name: string;
  format: 'auto' | VectorFormat;
  title?: string;
  source?: string;
  licence?: string;
  limit?: number;
  force: boolean;
  modelsDir: string;
  json: boolean;
}

function parseCli(argv: string[]): Cli | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        format: { type: 'string' },
        title: { type: 'string' },
        source: { type: 'string' },
        licence: { type: 'string' },
        license: { type: 'string' },
        limit: { type: 'string' },
        force: { type: 'boolean' },
        'models-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('missing FILE');
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.name === undefined) throw new UsageError('missing --name NAME');
  if (!SET_NAME_PATTERN.test(values.name)) {
    throw new UsageError(`--name "${values.name}": use 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit`);
  }
  const format = values.format ?? 'auto';
  if (format !== 'auto' && !(VECTOR_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format}": use auto, ${VECTOR_FORMATS.join(', ')}`);
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = /^\d+$/.test(values.limit) ? Number(values.limit) : NaN;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit "${values.limit}": use a positive integer`);
  }
  if (values.licence !== undefined && values.license !== undefined) throw new UsageError('give --licence once');
  for (const key of ['title', 'source', 'licence', 'license', 'models-dir'] as const) {
    if (values[key] !== undefined && values[key].trim() === '') throw new UsageError(`--${key} is empty`);
  }
  return {
    file: positionals[0],
    name: values.name,
    format: format as Cli['format'],
    title: values.title,
    source: values.source,
    licence: values.licence ?? values.license,
    limit,
    force: values.force ?? false,
    modelsDir: values['models-dir'] ?? modelsDir(),
    json: values.json ?? false,
  };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function progressLine(p: ImportProgress): string {
  const rows = `importing (${p.format}): ${p.rows.toLocaleString('en-US')} rows`;
  if (p.totalBytes === 0) return `${rows}, ${mb(p.bytesRead)} MB read`; // a pipe: no total
  const pct = ((100 * p.bytesRead) / p.totalBytes).toFixed(1);
  return `${rows}, ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB read (${pct}%)`;
}

async function main(argv: string[]): Promise<number> {
  let cli: Cli | 'help';
  try {
    cli = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`import: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (cli === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cli.file === STDIN && process.stdin.isTTY) {
    process.stderr.write(`import: FILE is - (standard input), but standard input is a terminal: pipe the vectors in, e.g. cat vectors.txt | npm run -s import -- - --name ${cli.name}\n`);
    return 2;
  }

  const tty = process.stderr.isTTY === true;
  let shown = false;
  const onProgress = tty
    ? (p: ImportProgress) => {
        if (p.done) {
          if (shown) process.stderr.write('\r\x1b[K');
          return;
        }
        shown = true;
        process.stderr.write(`\r\x1b[K${progressLine(p)}`);
      }
    : undefined;

  try {
    const { skipped, ...manifest } = await importVectorFile(
      cli.file,
      {
        name: cli.name,
        format: cli.format,
        title: cli.title,
        source: cli.source,
        licence: cli.licence,
        limit: cli.limit,
        force: cli.force,
        modelsDir: cli.modelsDir,
      },
      onProgress,
    );
    if (skipped.zero > 0) {
      const more = skipped.zero > skipped.first.length ? ', …' : '';
      process.stderr.write(
        `import: skipped ${skipped.zero} all-zero ${skipped.zero === 1 ? 'row' : 'rows'} (${skipped.first.join(', ')}${more}): a zero vector has no direction, so no neighbours\n`,
      );
    }
    if (cli.json) {
      process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
    } else {
      const bytes = Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0);
      const where = displayPath(path.join(cli.modelsDir, manifest.name));
      process.stdout.write(
        `imported ${manifest.count} words × ${manifest.dims} dims into ${where} (${mb(bytes)} MB)\n`,
      );
    }
    return 0;
  } catch (e) {
    if (shown) process.stderr.write('\r\x1b[K');
    process.stderr.write(`import: ${(e as Error).message}\n`);
    if (process.env.WVE_DEBUG && e instanceof Error && e.name !== 'ImportError') process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`import: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
