/**
 * `npm run -s deps:report`: the installed dependency tree's versions and licences. Lists every
 * package `npm ls --all` knows, reads its package.json in node_modules, groups the packages by
 * licence, flags those without a licence and those under copyleft licences, writes the whole
 * report to artifacts/deps-report.json and prints a summary. Offline: it reads node_modules only.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npm run -s deps:report [-- --out FILE] [--json]

Records the version and licence of every installed package (npm ls --all, then each
node_modules/**/package.json), grouped by licence, with packages without a licence and
packages under copyleft licences flagged.

  --out FILE   where to write the report (default artifacts/deps-report.json)
  --json       print the whole report instead of the summary
  -h, --help   show this help`;

/** Licences that require derived works (or the files themselves) to stay under the same licence. */
const COPYLEFT = /^(AGPL|GPL|LGPL|MPL|EPL|EUPL|CDDL|CPL|OSL|CC-BY-SA|CPAL|SSPL|RPL|Sleepycat|ODbL)/i;
/** npm ls's JSON, as far as it is read here: each dependency's folder (with --long) and its own dependencies. */
export interface LsNode {
  name?: string;
  version?: string;
  path?: string;
  dependencies?: Record<string, LsNode>;
}

export interface PackageEntry {
  name: string;
  version: string;
  /** The licence as the package declares it (SPDX expression, or "SEE LICENSE IN …"), null when it declares none. */
  licence: string | null;
  /** Folder relative to the project. */
  path: string;
  /** Only needed by devDependencies (not installed by npm install --omit=dev). */
  dev: boolean;
  /** Why it needs a look: "no licence", "copyleft", "not licensed (UNLICENSED)", "custom licence". */
  flags: string[];
  /** A LICENSE/LICENCE/COPYING file in its folder (worth reading when the field is missing). */
  licenceFile: string | null;
}

export interface DepsReport {
  generatedAt: string;
  project: { name: string; version: string };
  node: string;
  packages: PackageEntry[];
  byLicence: { licence: string; count: number; packages: string[] }[];
  flagged: { noLicence: string[]; copyleft: string[]; other: string[] };
  /** Optional packages npm lists but did not install (other platforms' binaries). */
  notInstalled: number;
}

/** The declared licence: `license` (a string or the old {type} object) or the old `licenses` array; null when none. */
export function declaredLicence(pkg: Record<string, unknown>): string | null {
  const one = (v: unknown): string | null => {
    if (typeof v === 'string') return v.trim() || null;
    if (v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') return ((v as { type: string }).type).trim() || null;
    return null;
  };
  const licence = one(pkg.license) ?? one(pkg.licence);
  if (licence) return licence;
  if (Array.isArray(pkg.licenses)) {
    const all = pkg.licenses.map(one).filter((x): x is string => x !== null);
    if (all.length) return all.length === 1 ? all[0] : `(${all.join(' OR ')})`;
  }
  return null;
}

/**
 * Flags for a declared licence. An SPDX expression is copyleft when every alternative of an OR
 * has a copyleft part (`MIT OR GPL-3.0` lets you choose MIT; `MIT AND GPL-3.0` does not).
 */
export function licenceFlags(licence: string | null): string[] {
  if (licence === null) return ['no licence'];
  if (/^UNLICEN[SC]ED$/i.test(licence)) return ['not licensed (UNLICENSED)'];
  if (/^SEE LICEN[SC]E IN /i.test(licence)) return ['custom licence'];
  const alternatives = licence.replace(/[()]/g, ' ').split(/\s+OR\s+/i);
  const copyleft = alternatives.every((alt) => alt.split(/\s+(?:AND|WITH)\s+/i).some((id) => COPYLEFT.test(id.trim())));
  return copyleft ? ['copyleft'] : [];
}

/** Every installed package's folder in an `npm ls --all --json --long` tree, once each; and how many listed ones are not installed. */
export function installedFolders(tree: LsNode): { folders: Set<string>; notInstalled: number } {
  const folders = new Set<string>();
  let notInstalled = 0;
  const walk = (node: LsNode) => {
    for (const child of Object.values(node.dependencies ?? {})) {
      if (!child.path) {
        notInstalled++;
        continue;
      }
      if (folders.has(child.path)) continue;
      folders.add(child.path);
      walk(child);
    }
  };
  walk(tree);
  return { folders, notInstalled };
}

/** Builds the report from the two trees (all, and without devDependencies) and a package.json reader. */
export async function buildReport(
  all: LsNode,
  runtime: LsNode,
  readPackage: (folder: string) => Promise<Record<string, unknown>>,
  findLicenceFile: (folder: string) => Promise<string | null>,
  root: string,
): Promise<DepsReport> {
  const { folders, notInstalled } = installedFolders(all);
  const runtimeFolders = installedFolders(runtime).folders;
  const packages: PackageEntry[] = [];
  for (const folder of [...folders].sort()) {
    const pkg = await readPackage(folder);
    const licence = declaredLicence(pkg);
    packages.push({
      name: String(pkg.name ?? path.basename(folder)),
      version: String(pkg.version ?? '?'),
      licence,
      path: path.relative(root, folder),
      dev: !runtimeFolders.has(folder),
      flags: licenceFlags(licence),
      licenceFile: licence === null ? await findLicenceFile(folder) : null,
    });
  }
  const groups = new Map<string, string[]>();
  for (const p of packages) {
    const key = p.licence ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), `${p.name}@${p.version}`]);
  }
  const id = (p: PackageEntry) => `${p.name}@${p.version} (${p.licence ?? 'no licence field'}${p.licenceFile ? `; has ${p.licenceFile}` : ''}${p.dev ? '; dev only' : ''})`;
  return {
    generatedAt: new Date().toISOString(),
    project: { name: all.name ?? '?', version: all.version ?? '?' },
    node: process.version,
    packages,
    byLicence: [...groups].map(([licence, names]) => ({ licence, count: names.length, packages: [...new Set(names)] })).sort((a, b) => b.count - a.count || a.licence.localeCompare(b.licence)),
    flagged: {
      noLicence: packages.filter((p) => p.flags.includes('no licence')).map(id),
      copyleft: packages.filter((p) => p.flags.includes('copyleft')).map(id),
      other: packages.filter((p) => p.flags.some((f) => f !== 'no licence' && f !== 'copyleft')).map(id),
    },
    notInstalled,
  };
}

/** The printed summary: counts, licences by frequency, and every flagged package. */
export function summary(r: DepsReport, out: string): string {
  const dev = r.packages.filter((p) => p.dev).length;
  const unique = new Set(r.packages.map((p) => `${p.name}@${p.version}`)).size;
  const lines = [
    `${r.packages.length} packages installed (${unique} distinct name@version; ${r.packages.length - dev} needed at run time, ${dev} by development only)` +
      (r.notInstalled ? `; ${r.notInstalled} optional packages for other platforms not installed` : ''),
    `licences: ${r.byLicence.map((g) => `${g.licence} ${g.count}`).join(', ')}`,
  ];
  const list = (title: string, items: string[]) => lines.push(items.length ? `${title} (${items.length}):\n${items.map((i) => `  ${i}`).join('\n')}` : `${title}: none`);
  list('no licence', r.flagged.noLicence);
  list('copyleft', r.flagged.copyleft);
  if (r.flagged.other.length) list('other licences to read', r.flagged.other);
  lines.push(`written to ${out}`);
  return lines.join('\n');
}

/** `npm ls --all --json --long [...]`: npm exits 1 when the tree has problems but still prints it. */
function npmLs(args: string[], cwd: string): Promise<LsNode> {
  return new Promise((resolve, reject) => {
    execFile('npm', ['ls', '--all', '--json', '--long', ...args], { cwd, maxBuffer: 256 << 20 }, (error, stdout) => {
      try {
        resolve(JSON.parse(stdout) as LsNode);
      } catch {
        reject(new Error(`npm ls ${args.join(' ')} printed no JSON${error ? ` (${error.message.split('\n')[0]})` : ''}: run npm install first`));
      }
    });
  });
}

async function findLicenceFile(folder: string): Promise<string | null> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.find((n) => /^(LICEN[CS]E|COPYING)(\b|[.-])/i.test(n)) ?? null;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli({ out: { type: 'string' }, json: { type: 'boolean', default: false } }, false);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const root = process.cwd();
  if (!existsSync(path.join(root, 'node_modules'))) throw new Error('no node_modules here: run npm install first');
  const out = values.out ?? path.join('artifacts', 'deps-report.json');
  const [all, runtime] = await Promise.all([npmLs([], root), npmLs(['--omit=dev'], root)]);
  const report = await buildReport(all, runtime, async (folder) => JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')), findLicenceFile, root);
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  console.log(values.json ? JSON.stringify(report, null, 2) : summary(report, out));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) runCli('deps:report', USAGE, main);
