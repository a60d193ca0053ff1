import { describe, expect, it } from 'vitest';
import { AMOUNT_MEASURES, COUNT_MEASURES } from './measures.ts';
import { measureText } from './measure-text.ts';

describe('revenue measure texts', () => {
  it('say in English exactly what measures.ts says', () => {
    for (const [column, text] of Object.entries({ ...AMOUNT_MEASURES, ...COUNT_MEASURES })) {
      expect(measureText(column as keyof typeof AMOUNT_MEASURES)).toEqual(text);
    }
  });
});
