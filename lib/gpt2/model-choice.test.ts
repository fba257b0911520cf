import { describe, expect, it } from 'vitest';
import { chooseModel, modelParamsFrom } from './model-choice';
import { TINY_CONFIG } from './test-weights';
import type { KeptModel, ServerModel } from '../worker/gpt2-protocol';

const server = (name: string, random = false): ServerModel => ({
  kind: 'server',
  name,
  label: random ? 'Tiny random test model — not GPT-2' : name,
  random,
  source: random ? 'random weights, seed 1' : `openai-community/${name}`,
  repo: random ? null : `openai-community/${name}`,
  dtype: 'fp32',
  config: TINY_CONFIG,
  url: `${name}/model.onnx`,
  bytes: 1,
  sha256: '0'.repeat(64),
});
const kept = (repo: string, extra: Partial<KeptModel> = {}): KeptModel => ({
  hub: 'https://huggingface.co',
  repo,
  revision: 'main',
  etag: '"abc"',
  bytes: 10,
  builds: ['int8'],
  partial: false,
  random: false,
  keptAt: null,
  ...extra,
});

describe('chooseModel', () => {
  it('?model= picks that installed model, random test models included', () => {
    const { decision } = chooseModel({ params: { model: 'gpt2-tiny-random' }, server: [server('gpt2'), server('gpt2-tiny-random', true)], kept: [] });
    expect(decision).toMatchObject({ action: 'load', explicit: true, source: { name: 'gpt2-tiny-random' } });
  });

  it('an unknown ?model= is said, and the default applies', () => {
    const { decision, notes } = chooseModel({ params: { model: 'nope' }, server: [server('distilgpt2')], kept: [] });
    expect(notes[0]).toBe('There is no GPT-2 model named "nope" on this server (installed: distilgpt2).');
    expect(decision).toMatchObject({ action: 'load', explicit: false, source: { name: 'distilgpt2' } });
  });

  it('?repo= loads a kept copy without asking, else offers the download for that repo from ?hub=', () => {
    const k = [kept('sshleifer/tiny-gpt2')];
    expect(chooseModel({ params: { repo: 'sshleifer/tiny-gpt2' }, server: [server('gpt2')], kept: k }).decision).toMatchObject({
      action: 'load',
      source: { kind: 'hub', repo: 'sshleifer/tiny-gpt2', revision: 'main', dtype: 'auto' },
    });
    expect(chooseModel({ params: { repo: 'a/b', hub: 'http://127.0.0.1:9/', revision: 'v1' }, server: [], kept: k }).decision).toEqual({
      action: 'offer',
      hub: 'http://127.0.0.1:9',
      repo: 'a/b',
      revision: 'v1',
      dtype: 'auto',
    });
    // A partial download is not a kept model: it is offered again (and resumes).
    expect(chooseModel({ params: { repo: 'a/b' }, server: [], kept: [kept('a/b', { partial: true })] }).decision.action).toBe('offer');
  });

  it('never picks a random test model by default, and offers GPT-2 small when nothing else is there', () => {
    const { decision } = chooseModel({ params: {}, server: [server('gpt2-tiny-random', true)], kept: [kept('wve-test/tiny', { random: true })] });
    expect(decision).toEqual({ action: 'offer', hub: 'https://huggingface.co', repo: 'openai-community/gpt2', revision: 'main', dtype: 'auto' });
  });

  it('prefers the last choice, then installed GPT-2 in size order, then a kept hub model', () => {
    const s = [server('gpt2-medium'), server('gpt2')];
    const k = [kept('distilbert/distilgpt2')];
    expect(chooseModel({ params: {}, server: s, kept: k }).decision).toMatchObject({ source: { name: 'gpt2' } });
    expect(chooseModel({ params: {}, server: s, kept: k, last: { kind: 'server', name: 'gpt2-medium' } }).decision).toMatchObject({ source: { name: 'gpt2-medium' } });
    expect(chooseModel({ params: {}, server: s, kept: k, last: { kind: 'hub', repo: 'distilbert/distilgpt2', revision: 'main' } }).decision).toMatchObject({
      source: { kind: 'hub', repo: 'distilbert/distilgpt2' },
    });
    expect(chooseModel({ params: {}, server: [], kept: k }).decision).toMatchObject({ action: 'load', source: { kind: 'hub', repo: 'distilbert/distilgpt2' } });
    // A last choice that is gone falls through.
    expect(chooseModel({ params: {}, server: s, kept: [], last: { kind: 'hub', repo: 'x/y', revision: 'main' } }).decision).toMatchObject({ source: { name: 'gpt2' } });
  });

  it('?dtype= accepts int8, fp16 and fp32 and says when it ignores a value', () => {
    expect(chooseModel({ params: { repo: 'a/b', dtype: 'fp32' }, server: [], kept: [] }).decision).toMatchObject({ dtype: 'fp32' });
    const bad = chooseModel({ params: { repo: 'a/b', dtype: 'int4' }, server: [], kept: [] });
    expect(bad.decision).toMatchObject({ dtype: 'auto' });
    expect(bad.notes).toEqual(['?dtype=int4 is not one of int8, fp16, fp32: using the default for this browser.']);
  });
});

describe('modelParamsFrom', () => {
  it('keeps the model parameters and drops empty ones', () => {
    expect(modelParamsFrom(new URLSearchParams('p=hi&repo=a%2Fb&hub=&model=x&dtype=int8'))).toEqual({ repo: 'a/b', model: 'x', dtype: 'int8' });
  });
});
