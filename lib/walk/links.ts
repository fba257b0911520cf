/**
 * The addresses the walk's steps open: each full page with the step's state, written as the pages
 * themselves write their URLs, so the page opens showing what the step showed (the model
 * parameters that chose the walk's GPT-2 come along, so the page runs the same model).
 */
import type { ModelParams } from '../gpt2/model-choice';
import { MODEL_PARAM_KEYS } from '../gpt2/model-choice';
import type { ContextSentence } from '../route-state/context-state';

/** A page's path as the build serves it: the static build's page addresses end in "/". */
export function pagePath(path: string, trailingSlash: boolean): string {
  return trailingSlash && !path.endsWith('/') ? `${path}/` : path;
}

/**
 * `href` with the page's language (`lang=`) added, so that a link opens the next page in the
 * language the reader is reading; nothing is added for the default language.
 */
export function withLang(href: string, lang: string | null | undefined, defaultLang = 'en'): string {
  if (!lang || lang === defaultLang) return href;
  const [path, hash = ''] = href.split(/(?=#)/);
  return `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}${hash}`;
}

const withQuery = (path: string, params: URLSearchParams) => {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

function modelSearch(modelParams: ModelParams): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of MODEL_PARAM_KEYS) if (modelParams[key]) p.set(key, modelParams[key]!);
  return p;
}

/** The analogy page on an expression (`?q=…`), optionally in honest mode. */
export function analogyHref(path: string, q: string, options: { honest?: boolean } = {}): string {
  const p = new URLSearchParams({ q });
  if (options.honest) p.set('honest', '1');
  return withQuery(path, p);
}

/** The context page on a target word and labelled sentences (`?target=…&s=…&sense=…`). */
export function contextHref(path: string, input: { target: string; sentences: readonly ContextSentence[] }, modelParams: ModelParams = {}): string {
  const p = modelSearch(modelParams);
  p.set('target', input.target);
  for (const s of input.sentences) {
    p.append('s', s.text);
    p.append('sense', s.sense);
  }
  return withQuery(path, p);
}

/** The layers page on a prompt, the tokens to score and an ablation (`?p=…&tok=…&ablate=…`). */
export function layersHref(path: string, input: { prompt: string; tokens: readonly string[]; ablation?: string }, modelParams: ModelParams = {}): string {
  const p = modelSearch(modelParams);
  p.set('p', input.prompt);
  for (const t of input.tokens) p.append('tok', t);
  if (input.ablation) p.set('ablate', input.ablation);
  return withQuery(path, p);
}
