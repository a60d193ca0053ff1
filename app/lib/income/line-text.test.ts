import { describe, expect, it } from 'vitest';
import { INCOME_LINES } from './lines.ts';
import { lineText, periodText } from './line-text.ts';

describe('income statement texts', () => {
  it('say in English exactly what lines.ts says', () => {
    for (const line of INCOME_LINES) expect(lineText(line.key)).toEqual({ label: line.label, definition: line.definition });
  });
  it('keep whole periods and say a partial one in words', () => {
    expect(periodText('2025-Q1')).toBe('2025-Q1');
    expect(periodText('2025 (5 of 12 mo)')).toBe('2025 (5 of 12 mo)');
  });
});
