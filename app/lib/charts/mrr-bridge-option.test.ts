import { describe, expect, it } from 'vitest';
import { KIND_COLORS, KIND_LABELS } from '../mrr/display.ts';
import { buildMrrBridgeOption } from './mrr-bridge-option.ts';

type Series = { name: string; type: string; stack?: string; data: number[] };

describe('buildMrrBridgeOption', () => {
  const point = {
    label: 'Apr 2026',
    movements: { new: 100n, reactivation: 2000n, expansion: 50n, contraction: 500n, churn: 2000000n },
    netChangeMinor: 100n + 2000n + 50n - 500n - 2000000n,
  };
  it('stacks gains above zero and losses below it, with the net change as a line', () => {
    const option = buildMrrBridgeOption({ points: [point], currency: 'RUB', labels: KIND_LABELS, colors: KIND_COLORS });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type, s.stack ?? null, s.data])).toEqual([
      ['New', 'bar', 'movements', [1]],
      ['Reactivation', 'bar', 'movements', [20]],
      ['Expansion', 'bar', 'movements', [0.5]],
      ['Contraction', 'bar', 'movements', [-5]],
      ['Churn', 'bar', 'movements', [-20000]],
      ['Net change', 'line', null, [-19983.5]],
    ]);
    expect((option.color as string[]).slice(0, 5)).toEqual([KIND_COLORS.new, KIND_COLORS.reactivation, KIND_COLORS.expansion, KIND_COLORS.contraction, KIND_COLORS.churn]);
  });
  it('lists exact signed movements in the tooltip', () => {
    const option = buildMrrBridgeOption({ points: [point], currency: 'RUB', labels: KIND_LABELS, colors: KIND_COLORS });
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }]);
    expect(html.split('<br>')).toEqual([
      'Apr 2026', 'New: <b>+₽1.00</b>', 'Reactivation: <b>+₽20.00</b>', 'Expansion: <b>+₽0.50</b>',
      'Contraction: <b>−₽5.00</b>', 'Churn: <b>−₽20,000.00</b>', 'Net change: <b>-₽19,983.50</b>',
    ]);
  });
});
