import { describe, expect, it } from 'vitest';
import { INCOME_LINES } from '../income/lines.ts';
import type { IncomeAmounts, IncomePeriod } from '../income/types.ts';
import { minorUnits } from '../money.ts';
import type { MonthString } from '../months.ts';
import { buildIncomeStatementOption } from './income-statement-option.ts';

const amounts = (values: Partial<Record<string, bigint>>): IncomeAmounts =>
  Object.fromEntries(INCOME_LINES.map((l) => [l.key, minorUnits(values[l.key] ?? 0n)])) as IncomeAmounts;

describe('buildIncomeStatementOption', () => {
  it('draws invoiced, recognised and collected per period in major units, labelled by period', () => {
    const periods: IncomePeriod[] = [
      { label: '2025-Q1', from: '2025-01' as MonthString, to: '2025-03' as MonthString, amounts: amounts({ invoiced_net_minor: 120000n, recognised_minor: 30000n, net_collected_minor: 99950n }) },
      { label: '2025-Q2', from: '2025-04' as MonthString, to: '2025-06' as MonthString, amounts: amounts({ recognised_minor: 30000n }) },
    ];
    const option = buildIncomeStatementOption({ periods, currency: 'USD' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2025-Q1', '2025-Q2']);
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['Invoiced (net of tax)', 'Revenue recognised', 'Net cash collected']);
    expect(series[0]!.data).toEqual([1200, 0]);
    expect(series[1]!.data).toEqual([300, 300]);
    expect(series[2]!.data).toEqual([999.5, 0]);
  });
});
