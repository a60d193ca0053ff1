import { describe, expect, it } from 'vitest';
import { buildLadderFunnelOption } from './ladder-funnel-option.ts';

type Series = { name: string; type: string; stack: string; data: number[] };

const steps = [
  { label: 'Reminder 1', stepsTaken: 4, curedMinor: 500000n, writtenOffMinor: 0n, movedOnMinor: 11300000n, stillOpenMinor: 0n },
  { label: 'Agency hand-off', stepsTaken: 1, curedMinor: 0n, writtenOffMinor: 10000050n, movedOnMinor: 0n, stillOpenMinor: 1n },
];

describe('buildLadderFunnelOption', () => {
  it('stacks each step\'s amount reached by outcome, first rung on top, in major units', () => {
    const option = buildLadderFunnelOption({ steps, currency: 'RUB' });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type, s.stack])).toEqual([
      ['Cured', 'bar', 'reached'], ['Written off', 'bar', 'reached'], ['Moved on', 'bar', 'reached'], ['Still open', 'bar', 'reached'],
    ]);
    expect(series.map((s) => s.data)).toEqual([[5000, 0], [0, 100000.5], [113000, 0], [0, 0.01]]);
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['Reminder 1', 'Agency hand-off'] });
  });

  it('shows exact amounts in the tooltip, with the total reached', () => {
    const formatter = (buildLadderFunnelOption({ steps, currency: 'USD' }).tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([0, 1, 2, 3].map((seriesIndex) => ({ dataIndex: 1, seriesIndex, marker: '' })));
    expect(html).toBe('Agency hand-off: $100,000.51 reached in 1 step<br>Cured: <b>$0.00</b><br>Written off: <b>$100,000.50</b><br>Moved on: <b>$0.00</b><br>Still open: <b>$0.01</b>');
  });

  it('handles no steps', () => {
    expect((buildLadderFunnelOption({ steps: [], currency: 'EUR' }).series as Series[])[0]!.data).toEqual([]);
  });
});
