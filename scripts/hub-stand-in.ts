/**
 * `npm run hub:stand-in -- --root DIR [--port 3210] [--cdn-port 3211] [--make-random tiny:REPO,small:REPO]`:
 * serves the repositories under DIR like the Hugging Face hub (lib/node/hub-stand-in.ts), with a
 * CDN on a second port, until interrupted. Exit codes: 1 failed, 2 bad arguments.
 */
import path from 'node:path';
import { makeRandomRepo, startHubStandIn, type RandomRepoSize } from '../lib/node/hub-stand-in';
import { repoProblem } from '../lib/hub/hub-url';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npm run hub:stand-in -- --root DIR [--port 3210] [--cdn-port 3211] [--make-random tiny:REPO,small:REPO]

Serves DIR/<owner>/<name>/<file> at /<owner>/<name>/resolve/main/<file> the way the Hugging Face
hub does: config.json directly, *.safetensors as a 302 to a CDN on the second port (Range,
If-Range, ETag), CORS on both. Point the app at it with ?hub=http://127.0.0.1:PORT.

  --root DIR            folder of repositories (owner/name/ folders)
  --port N              hub port (default 3210; 0 picks a free one)
  --cdn-port N          CDN port (default 3211; 0 picks a free one)
  --make-random LIST    first write random GPT-2 repos that are missing (seed 1, the weights of
                        npm run models:random-gpt2), e.g. tiny:test/gpt2-tiny,small:test/gpt2-small;
                        their config.json says "wve_random_test_model": true

Test controls on the hub port: POST /__control {"cutAfter":N,"cutTimes":N,"cutPauseMs":N,
"stallAfter":N,"offline":bool,"ignoreRange":bool}, DELETE /__control (reset), GET|DELETE /__log.`;

runCli('hub:stand-in', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      root: { type: 'string' },
      port: { type: 'string' },
      'cdn-port': { type: 'string' },
      'make-random': { type: 'string' },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.root) throw new UsageError('missing --root DIR');
  const root = path.resolve(values.root);
  const port = intFlag(values.port, 'port', 3210, 0);
  const cdnPort = intFlag(values['cdn-port'], 'cdn-port', 3211, 0);
  const randoms = (values['make-random'] ?? '').split(',').filter(Boolean).map(parseRandom);

  for (const { size, repo } of randoms) {
    console.error(`${repo}: ${(await makeRandomRepo(root, size, repo)) ? `wrote a random ${size} GPT-2` : 'present'}`);
  }
  const standIn = await startHubStandIn({ root, port, cdnPort });
  console.log(`hub   ${standIn.hub}   (serving ${root})`);
  console.log(`cdn   ${standIn.cdn}`);
  for (const { repo } of randoms) console.log(`app   ?hub=${encodeURIComponent(standIn.hub)}&repo=${encodeURIComponent(repo)}`);
  console.log(`log   ${standIn.hub}/__log`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

function parseRandom(item: string): { size: RandomRepoSize; repo: string } {
  const m = /^(tiny|small):(.+)$/.exec(item);
  if (!m) throw new UsageError(`--make-random takes SIZE:REPO items (SIZE tiny or small), got "${item}"`);
  const problem = repoProblem(m[2]);
  if (problem) throw new UsageError(`--make-random: ${problem}`);
  return { size: m[1] as RandomRepoSize, repo: m[2] };
}
