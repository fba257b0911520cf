/**
 * Hugging Face hub file URLs: `{hub}/{repo}/resolve/{revision}/{file}`, with each part checked
 * the way the hub (and huggingface_hub's `validate_repo_id`) checks it, so a typo in a link gives
 * a message naming the value and the rule instead of a 404 from the server.
 */

export const DEFAULT_HUB = 'https://huggingface.co';
export const DEFAULT_REPO = 'openai-community/gpt2';
export const DEFAULT_REVISION = 'main';

/** The only files the app fetches from a repository. */
export const HUB_FILES = ['config.json', 'model.safetensors'] as const;
export type HubFile = (typeof HUB_FILES)[number];

/** Longest owner or name the hub accepts. */
export const MAX_REPO_PART = 96;
/** Longest branch or tag name accepted here (also keeps kept-model folder names short). */
export const MAX_REVISION = 128;

/**
 * The hub's base URL with trailing slashes removed, or a problem: it must be http(s), without
 * a query, fragment or credentials. A path prefix (a mirror behind `/hf`) is kept.
 */
export function checkHub(hub: string): { hub: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(hub);
  } catch {
    return { problem: `hub "${hub}" is not a URL: use an address such as ${DEFAULT_HUB}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `hub "${hub}" must start with https:// or http:// (such as ${DEFAULT_HUB})` };
  if (url.search || url.hash || hub.includes('?') || hub.includes('#')) return { problem: `hub "${hub}" must not have a query or fragment: give only the address, such as ${DEFAULT_HUB}` };
  if (url.username || url.password) return { problem: `hub "${hub}" must not hold a user name or password` };
  return { hub: hub.replace(/\/+$/, '') };
}

const REPO_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** Why `repo` is not a hub repository id (`owner/name`, or a bare `name` such as `gpt2`), or null. */
export function repoProblem(repo: string): string | null {
  const parts = repo.split('/');
  if (repo === '' || parts.length > 2) return `repo "${repo}" must be "owner/name" (such as ${DEFAULT_REPO}) or a single name (such as gpt2)`;
  for (const [i, part] of parts.entries()) {
    const which = parts.length === 2 && i === 0 ? 'owner' : 'name';
    if (part.length > MAX_REPO_PART) return `repo "${repo}": the ${which} is ${part.length} characters long, the limit is ${MAX_REPO_PART}`;
    if (!REPO_PART.test(part)) {
      return `repo "${repo}": the ${which} may hold only letters, digits, "-", "_" and ".", and must start and end with a letter, digit or "_"`;
    }
  }
  if (repo.includes('--') || repo.includes('..')) return `repo "${repo}" must not contain "--" or ".."`;
  if (repo.endsWith('.git')) return `repo "${repo}" must not end with ".git"`;
  return null;
}

/**
 * Why `revision` is not a branch, tag or commit name, or null. Accepted: letters, digits, `-`,
 * `_`, `.` and `/` (as in `refs/pr/1`), with git's rules on dots and slashes; a 40-hex commit
 * passes as well.
 */
export function revisionProblem(revision: string): string | null {
  const rule = 'use a branch or tag name (such as main or refs/pr/1) or a 40-hex commit';
  if (revision === '') return `revision is empty: ${rule}`;
  if (revision.length > MAX_REVISION) return `revision "${revision.slice(0, 20)}…" is ${revision.length} characters long, the limit is ${MAX_REVISION}`;
  if (!/^[A-Za-z0-9._/-]+$/.test(revision)) return `revision "${revision}" may hold only letters, digits, "-", "_", "." and "/": ${rule}`;
  if (/^[./-]|[/.]$|\/\/|\.\.|\/\.|\.lock$/.test(revision)) {
    return `revision "${revision}" breaks git's naming rules (no leading "-", "." or "/", no trailing "." or "/", no "..", "//" or "/." and no ".lock" ending): ${rule}`;
  }
  return null;
}

/** Why `file` is not one of the files the app fetches, or null. */
export function fileProblem(file: string): string | null {
  return (HUB_FILES as readonly string[]).includes(file) ? null : `file "${file}" is not one the app fetches: use ${HUB_FILES.join(' or ')}`;
}

/**
 * `{hub}/{repo}/resolve/{revision}/{file}`; a `/` in the revision is sent as `%2F`, as
 * huggingface_hub does. Throws an Error naming the first bad part and the rule.
 */
export function hubFileUrl(hub: string, repo: string, revision: string, file: string): string {
  const checked = checkHub(hub);
  if ('problem' in checked) throw new Error(checked.problem);
  const problem = repoProblem(repo) ?? revisionProblem(revision) ?? fileProblem(file);
  if (problem) throw new Error(problem);
  return `${checked.hub}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
}

export interface HubParams {
  hub: string;
  repo: string;
  revision: string;
  /** One message per rejected parameter (its default is used instead); empty when all are fine. */
  problems: string[];
}

/**
 * Reads `?hub=`, `?repo=` and `?revision=` from a page's query. Missing or empty parameters take
 * their defaults; a bad one is reported in `problems` and replaced by its default. Never throws.
 */
export function parseHubParams(search: URLSearchParams): HubParams {
  const problems: string[] = [];
  const value = (key: string) => search.get(key)?.trim() || null;

  let hub = DEFAULT_HUB;
  const hubParam = value('hub');
  if (hubParam !== null) {
    const checked = checkHub(hubParam);
    if ('problem' in checked) problems.push(`${checked.problem}; using ${DEFAULT_HUB}`);
    else hub = checked.hub;
  }
  const pick = (key: string, fallback: string, problemOf: (v: string) => string | null) => {
    const v = value(key);
    if (v === null) return fallback;
    const problem = problemOf(v);
    if (problem === null) return v;
    problems.push(`${problem}; using ${fallback}`);
    return fallback;
  };
  const repo = pick('repo', DEFAULT_REPO, repoProblem);
  const revision = pick('revision', DEFAULT_REVISION, revisionProblem);
  return { hub, repo, revision, problems };
}
