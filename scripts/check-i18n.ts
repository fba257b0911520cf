/**
 * `npm run -s check:i18n [-- --json]`: every message key in both languages with the same
 * arguments, and no UI text written in the app's code instead of the message files. Exit 1 when
 * anything is wrong, with each problem on a line (file:line for hard-coded text).
 */
import { compareMessages } from '../lib/i18n/check';
import { MESSAGES, NAMESPACES } from '../lib/i18n/messages';
import { hardcodedInApp } from '../lib/node/app-sources';
import { parseCli, runCli } from './cli';

const USAGE = `usage: npm run -s check:i18n [-- --json]

Checks that messages/en and messages/zh hold the same keys with the same {arguments} and <tags>,
and that no UI text is written in app/ outside the message files.`;

runCli('check:i18n', USAGE, async () => {
  const { values } = parseCli({ json: { type: 'boolean', default: false } }, false);
  const keys = NAMESPACES.flatMap((ns) => compareMessages(ns, MESSAGES.en[ns], MESSAGES.zh[ns]));
  const hardcoded = await hardcodedInApp();
  if (values.json) console.log(JSON.stringify({ keys, hardcoded }));
  else {
    for (const k of keys) console.log(`${k.key}: ${k.problem}`);
    for (const h of hardcoded) console.log(`${h.file}:${h.line}: ${h.kind}: ${h.text}`);
    console.error(`${keys.length} message problem(s), ${hardcoded.length} hard-coded UI string(s)`);
  }
  if (keys.length || hardcoded.length) process.exit(1);
});
