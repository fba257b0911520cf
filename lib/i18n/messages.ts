/**
 * Every UI string, per language and namespace (messages/<locale>/<namespace>.json, ICU message
 * syntax). Both languages are bundled: a few tens of kilobytes, and switching needs no request.
 */
import en_common from '../../messages/en/common.json';
import zh_common from '../../messages/zh/common.json';
import en_site from '../../messages/en/site.json';
import zh_site from '../../messages/zh/site.json';
import en_analogy from '../../messages/en/analogy.json';
import zh_analogy from '../../messages/zh/analogy.json';
import en_map from '../../messages/en/map.json';
import zh_map from '../../messages/zh/map.json';
import en_vectors from '../../messages/en/vectors.json';
import zh_vectors from '../../messages/zh/vectors.json';
import en_speed from '../../messages/en/speed.json';
import zh_speed from '../../messages/zh/speed.json';
import en_glossary from '../../messages/en/glossary.json';
import zh_glossary from '../../messages/zh/glossary.json';
import en_context from '../../messages/en/context.json';
import zh_context from '../../messages/zh/context.json';
import en_layers from '../../messages/en/layers.json';
import zh_layers from '../../messages/zh/layers.json';
import en_gpt2 from '../../messages/en/gpt2.json';
import zh_gpt2 from '../../messages/zh/gpt2.json';
import en_walk from '../../messages/en/walk.json';
import zh_walk from '../../messages/zh/walk.json';
import en_train from '../../messages/en/train.json';
import zh_train from '../../messages/zh/train.json';
import type { Locale } from './locales';

export const NAMESPACES = ['common', 'site', 'analogy', 'map', 'vectors', 'speed', 'glossary', 'context', 'layers', 'gpt2', 'walk', 'train'] as const;
export type Namespace = (typeof NAMESPACES)[number];

type Messages = Record<string, unknown>;

export const MESSAGES: Record<Locale, Record<Namespace, Messages>> = {
  en: { common: en_common, site: en_site, analogy: en_analogy, map: en_map, vectors: en_vectors, speed: en_speed, glossary: en_glossary, context: en_context, layers: en_layers, gpt2: en_gpt2, walk: en_walk, train: en_train },
  zh: { common: zh_common, site: zh_site, analogy: zh_analogy, map: zh_map, vectors: zh_vectors, speed: zh_speed, glossary: zh_glossary, context: zh_context, layers: zh_layers, gpt2: zh_gpt2, walk: zh_walk, train: zh_train },
};
