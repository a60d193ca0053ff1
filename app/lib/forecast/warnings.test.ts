import { describe, expect, it } from 'vitest';
import { warningText } from './display.ts';

describe('forecast warnings', () => {
  it('says the known warnings (English here, the default) and leaves others as stored', () => {
    expect(warningText('Too little history to backtest (needs 18 months).')).toBe('Too little history to backtest (needs 18 months).');
    expect(warningText('1200 minor units of open receivables have no comparable history and are expected at 0.')).toBe(
      '1200 minor units of open receivables have no comparable history and are expected at 0.',
    );
    expect(warningText('Something new.')).toBe('Something new.');
  });
});
