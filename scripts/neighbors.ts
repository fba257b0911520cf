/** `npm run -s neighbors -- cat [--k 10] [--honest] [--set NAME] --json` */
import { openEngine } from '../lib/node/open-engine';
import { DEFAULT_SET } from '../lib/node/vector-set-reader';
import { intFlag, MAX_K, parseCli, runCli, setFlag, UsageError } from './cli';
import { printResult, withJsonErrors, withJsonErrorsAsync } from './query-output';

const USAGE = `usage: npm run -s neighbors -- WORD [--k 10] [--honest] [--set NAME] [--json]

  --k N       number of neighbours, 1 to ${MAX_K.toLocaleString('en')} (default 10)
  --honest    keep the word itself in the list
  --set NAME  vector set in models/ (default ${DEFAULT_SET})
  --json      print {"word":…, "results":[{"word":…,"score":…},…]} (errors too: {"error":…}, exit code 1)
  -h, --help  show this help`;

runCli('neighbors', USAGE, async () => {
  const { values, positionals } = parseCli(
    { k: { type: 'string' }, honest: { type: 'boolean', default: false }, set: { type: 'string' }, json: { type: 'boolean', default: false } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one word' : 'missing WORD');
  const k = intFlag(values.k, 'k', 10, 1, MAX_K);
  const set = setFlag(values.set, DEFAULT_SET);
  const engine = await withJsonErrorsAsync(values.json, () => openEngine(set));
  const r = withJsonErrors(values.json, () => engine.neighbors(positionals[0], { k, honest: values.honest }));
  if (!values.json) return printResult(r);
  console.log(JSON.stringify({ word: r.expression, results: r.results.map((h) => ({ word: h.word, score: Number(h.score.toFixed(4)) })), ms: Number(r.ms.toFixed(2)) }));
});
