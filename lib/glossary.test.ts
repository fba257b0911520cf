import { describe, expect, it } from 'vitest';
import { messageKeys } from './i18n/check';
import { MESSAGES } from './i18n/messages';
import { GLOSSARY, GLOSSARY_IDS, isGlossaryId } from './glossary';

describe('the glossary', () => {
  it('has a term and its explanation for every id, in both languages, and nothing else', () => {
    const expected = GLOSSARY_IDS.flatMap((id) => [`${id}.term`, `${id}.text`]).sort();
    for (const locale of ['en', 'zh'] as const) {
      const terms = (MESSAGES[locale].glossary as { terms: Record<string, unknown> }).terms;
      expect(messageKeys(terms).sort(), locale).toEqual(expected);
    }
  });

  it('tells its ids from other words', () => {
    expect(new Set(GLOSSARY_IDS).size).toBe(GLOSSARY_IDS.length);
    expect(Object.keys(GLOSSARY)).toEqual([...GLOSSARY_IDS]);
    expect(isGlossaryId('logitLens')).toBe(true);
    expect(isGlossaryId('toString')).toBe(false);
  });

  it('keeps the terms the Chinese pages use for the article’s words', () => {
    const zh = (id: string) => (MESSAGES.zh.glossary as { terms: Record<string, { term: string }> }).terms[id].term;
    expect([zh('vector'), zh('cosine'), zh('honest'), zh('preservation'), zh('token'), zh('residual'), zh('logitLens')]).toEqual(['词向量', '余弦相似度', '诚实模式', '近邻保持率', '词元', '残差流', 'logit 透镜']);
  });
});
