import { describe, expect, it } from 'vitest';
import { hubFileUrl, parseHubParams, repoProblem, revisionProblem } from './hub-url';

describe('hubFileUrl(hub, repo, revision, file)', () => {
  it('builds resolve URLs, trimming the hub and encoding / in the revision as huggingface_hub does', () => {
    expect(hubFileUrl('https://huggingface.co', 'openai-community/gpt2', 'main', 'model.safetensors')).toBe('https://huggingface.co/openai-community/gpt2/resolve/main/model.safetensors');
    expect(hubFileUrl('https://hf-mirror.com//', 'gpt2', 'refs/pr/1', 'config.json')).toBe('https://hf-mirror.com/gpt2/resolve/refs%2Fpr%2F1/config.json');
    expect(hubFileUrl('http://127.0.0.1:3210/hf/', 'a/b', 'a'.repeat(40), 'config.json')).toBe(`http://127.0.0.1:3210/hf/a/b/resolve/${'a'.repeat(40)}/config.json`);
  });

  it('names the bad part and the rule', () => {
    const bad = (hub: string, repo: string, revision: string, file: string) => () => hubFileUrl(hub, repo, revision, file);
    expect(bad('huggingface.co', 'gpt2', 'main', 'config.json')).toThrow('hub "huggingface.co" is not a URL: use an address such as https://huggingface.co');
    expect(bad('ftp://x.org', 'gpt2', 'main', 'config.json')).toThrow('hub "ftp://x.org" must start with https:// or http://');
    expect(bad('https://x.org/?a=1', 'gpt2', 'main', 'config.json')).toThrow('hub "https://x.org/?a=1" must not have a query or fragment');
    expect(bad('https://x.org#top', 'gpt2', 'main', 'config.json')).toThrow('must not have a query or fragment');
    expect(bad('https://me:pw@x.org', 'gpt2', 'main', 'config.json')).toThrow('must not hold a user name or password');
    expect(bad('https://x.org', 'gpt2', 'main', 'pytorch_model.bin')).toThrow('file "pytorch_model.bin" is not one the app fetches: use config.json or model.safetensors');
    expect(bad('https://x.org', 'a/b/c', 'main', 'config.json')).toThrow('repo "a/b/c" must be "owner/name"');
    expect(bad('https://x.org', 'gpt2', 'no way', 'config.json')).toThrow('revision "no way" may hold only letters, digits');
  });
});

describe('repoProblem(repo)', () => {
  it('accepts owner/name and a bare name, with the hub\'s characters', () => {
    for (const ok of ['gpt2', 'openai-community/gpt2', 'distilbert/distilgpt2', 'A_b.c-d/x.y_z', 'a'.repeat(96) + '/' + 'b'.repeat(96)]) expect(repoProblem(ok)).toBeNull();
  });

  it('rejects what the hub rejects, saying why', () => {
    expect(repoProblem('')).toContain('must be "owner/name"');
    expect(repoProblem('/gpt2')).toContain('the owner may hold only letters');
    expect(repoProblem('owner/-x')).toBe('repo "owner/-x": the name may hold only letters, digits, "-", "_" and ".", and must start and end with a letter, digit or "_"');
    expect(repoProblem('.hidden/x')).toContain('the owner may hold only');
    expect(repoProblem('o/x y')).toContain('the name may hold only');
    expect(repoProblem('o/a..b')).toBe('repo "o/a..b" must not contain "--" or ".."');
    expect(repoProblem('o/a--b')).toBe('repo "o/a--b" must not contain "--" or ".."');
    expect(repoProblem('o/x.git')).toBe('repo "o/x.git" must not end with ".git"');
    expect(repoProblem(`o/${'n'.repeat(97)}`)).toBe(`repo "o/${'n'.repeat(97)}": the name is 97 characters long, the limit is 96`);
    expect(repoProblem(`${'o'.repeat(97)}/n`)).toContain('the owner is 97 characters long, the limit is 96');
  });
});

describe('revisionProblem(revision)', () => {
  it('accepts branches, tags, pull-request refs and commits', () => {
    for (const ok of ['main', 'v1.0', 'refs/pr/12', 'refs/convert/parquet', 'a'.repeat(40), 'my_branch-2']) expect(revisionProblem(ok)).toBeNull();
  });

  it('rejects names git or the hub would not have', () => {
    expect(revisionProblem('')).toBe('revision is empty: use a branch or tag name (such as main or refs/pr/1) or a 40-hex commit');
    for (const bad of ['-x', '.x', '/x', 'x/', 'x.', 'a//b', 'a..b', 'a/.b', 'x.lock']) expect(revisionProblem(bad)).toContain(`revision "${bad}" breaks git's naming rules`);
    expect(revisionProblem('a~1')).toContain('may hold only letters, digits');
    expect(revisionProblem('r'.repeat(129))).toContain('is 129 characters long, the limit is 128');
  });
});

describe('parseHubParams(search)', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseHubParams(new URLSearchParams(''))).toEqual({ hub: 'https://huggingface.co', repo: 'openai-community/gpt2', revision: 'main', problems: [] });
    expect(parseHubParams(new URLSearchParams('hub=&repo=%20'))).toMatchObject({ hub: 'https://huggingface.co', repo: 'openai-community/gpt2', problems: [] });
  });

  it('reads a mirror, a repo and a revision', () => {
    expect(parseHubParams(new URLSearchParams('hub=https://hf-mirror.com/&repo=distilbert/distilgpt2&revision=refs/pr/3'))).toEqual({
      hub: 'https://hf-mirror.com',
      repo: 'distilbert/distilgpt2',
      revision: 'refs/pr/3',
      problems: [],
    });
  });

  it('reports each bad parameter and uses its default instead, never throwing', () => {
    const parsed = parseHubParams(new URLSearchParams('hub=javascript:alert(1)&repo=../etc&revision=a..b'));
    expect(parsed).toMatchObject({ hub: 'https://huggingface.co', repo: 'openai-community/gpt2', revision: 'main' });
    expect(parsed.problems).toEqual([
      'hub "javascript:alert(1)" must start with https:// or http:// (such as https://huggingface.co); using https://huggingface.co',
      'repo "../etc": the owner may hold only letters, digits, "-", "_" and ".", and must start and end with a letter, digit or "_"; using openai-community/gpt2',
      'revision "a..b" breaks git\'s naming rules (no leading "-", "." or "/", no trailing "." or "/", no "..", "//" or "/." and no ".lock" ending): use a branch or tag name (such as main or refs/pr/1) or a 40-hex commit; using main',
    ]);
  });
});
