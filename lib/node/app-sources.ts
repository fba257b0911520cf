/**
 * The app's own code as the i18n check reads it: every .ts/.tsx file under app/, the server's
 * route handlers excepted (they answer machines, not people), and the UI text found written in
 * it instead of the message files.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { findHardcodedStrings, type HardcodedString } from '../i18n/hardcoded';

export async function appSources(root = 'app'): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const file = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await appSources(file)));
    else if (/\.(tsx?)$/.test(entry.name) && !/route(\.server)?\.ts$/.test(entry.name)) out.push(file);
  }
  return out.sort();
}

export async function hardcodedInApp(root = 'app'): Promise<HardcodedString[]> {
  const found: HardcodedString[] = [];
  for (const file of await appSources(root)) found.push(...findHardcodedStrings(file, await readFile(file, 'utf8')));
  return found;
}
