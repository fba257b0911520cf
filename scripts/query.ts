/** `npm run -s query -- "king - man + woman" [--k 10] [--method 3cosadd|3cosmul] [--honest] [--set NAME] [--expect WORD] --json` */
import { openEngine } from '../lib/node/open-engine';
import { DEFAULT_SET } from '../lib/node/vector-set-reader';
import { METHODS } from '../lib/vectors/methods';
import { choiceFlag, intFlag, MAX_K, parseCli, runCli, setFlag, UsageError } from './cli';
import { printResult, toJson, withJsonErrors, withJsonErrorsAsync } from './query-output';

const USAGE = `usage: npm run -s query -- "EXPRESSION" [--k 10] [--method 3cosadd|3cosmul] [--honest] [--set NAME] [--expect WORD] [--json]

  EXPRESSION   king - man + woman | 2*king - man | man : woman :: king : ? | cat (neighbours)
  --k N        number of results, 1 to ${MAX_K.toLocaleString('en')} (default 10)
  --method M   3cosadd (default) or 3cosmul
  --honest     do not exclude the input words; show where they rank
  --set NAME   vector set in models/ (default ${DEFAULT_SET})
  --expect W   also report the rank of W
  --json       print one JSON object (errors too: {"error":…}, exit code 1)
  -h, --help   show this help

Weights are limited to 1e-30…1e30 in size (the vectors are float32); 3CosMul needs weights near 1.`;

runCli('query', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      k: { type: 'string' },
      method: { type: 'string' },
      honest: { type: 'boolean', default: false },
      set: { type: 'string' },
      expect: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'quote the expression as one argument' : 'missing EXPRESSION');
  const k = intFlag(values.k, 'k', 10, 1, MAX_K);
  const method = choiceFlag(values.method, 'method', METHODS, '3cosadd');
  const set = setFlag(values.set, DEFAULT_SET);
  const engine = await withJsonErrorsAsync(values.json, () => openEngine(set));
  const result = withJsonErrors(values.json, () => engine.query(positionals[0], { k, method, honest: values.honest, expect: values.expect }));
  if (values.json) {
    console.log(JSON.stringify(toJson(result)));
    return;
  }
  printResult(result);
});
