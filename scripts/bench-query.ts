/**
 * Single-query latency in Node (lib/vectors/latency.ts): the median of 200 analogy queries over
 * all words. The same measurement runs in the browser on the /speed page (scripts/bench-browser.ts).
 */
import { openEngine } from '../lib/node/open-engine';
import { DEFAULT_SET } from '../lib/node/vector-set-reader';
import { measureLatency } from '../lib/vectors/latency';
import { METHODS } from '../lib/vectors/methods';
import { choiceFlag, intFlag, parseCli, runCli, setFlag, UsageError } from './cli';

const USAGE = 'usage: npm run -s bench:query -- [--runs 200] [--method 3cosadd|3cosmul] [--set NAME]';

runCli('bench:query', USAGE, async () => {
  const { values, positionals } = parseCli({ runs: { type: 'string' }, method: { type: 'string' }, set: { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const runs = intFlag(values.runs, 'runs', 200);
  const method = choiceFlag(values.method, 'method', METHODS, '3cosadd');
  const engine = await openEngine(setFlag(values.set, DEFAULT_SET));
  console.log(JSON.stringify({ runtime: `node ${process.version}`, ...measureLatency(engine, runs, method) }));
});
