import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { migrationMatrix } from '../preferences/display.ts';
import { buildAdoptionOption } from './preferences-adoption-option.ts';
import { buildMigrationsOption } from './preferences-migrations-option.ts';
import { buildPlanMixOption } from './preferences-plan-mix-option.ts';

const month = (m: string) => m as MonthString;

describe('preferences charts', () => {
  it('stacks subscriptions by plan per month end, zero where a plan is not held', () => {
    const p = (m: string, code: string, tier: number, n: bigint, share: number) => ({
      month: month(m), planCode: code, planName: `Plan ${code}`, family: 'mobile', tier, subscriptions: n, share, quantity: n, customers: n, upgradedSubscriptions: 0n,
    });
    const option = buildPlanMixOption({ rows: [p('2026-01', 'MOB-M', 2, 1n, 0.5), p('2026-01', 'MOB-S', 1, 1n, 0.5), p('2026-02', 'MOB-M', 2, 3n, 1)] }) as {
      series: { name: string; data: number[]; stack: string }[]; tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['MOB-S', [1, 0]], ['MOB-M', [1, 3]]]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
    expect(option.tooltip.formatter([{ dataIndex: 0, seriesIndex: 0, marker: '' }, { dataIndex: 0, seriesIndex: 1, marker: '' }])).toBe(
      'End of Jan 2026<br>Plan MOB-M: <b>1</b> (50%)<br>Plan MOB-S: <b>1</b> (50%)',
    );
  });

  it('draws the migration matrix with counts at (to, from)', () => {
    const row = (from: string | null, to: string | null, n: bigint) => ({ fromPlanCode: from, toPlanCode: to, subscriptions: n, upgrades: 0n, downgrades: 0n, reactivations: 0n });
    const option = buildMigrationsOption({ matrix: migrationMatrix([row(null, 'B', 2n), row('A', 'B', 1n), row('B', null, 4n)]) }) as {
      series: { data: number[][] }[]; xAxis: { data: string[] }; yAxis: { data: string[] }; visualMap: { max: number };
    };
    expect(option.yAxis.data).toEqual(['(start)', 'A', 'B']);
    expect(option.xAxis.data).toEqual(['B', '(end)']);
    expect(option.series[0]!.data).toEqual([[0, 0, 2], [0, 1, 1], [1, 2, 4]]);
    expect(option.visualMap.max).toBe(4);
  });

  it('draws add-on and multi-subscription shares by month', () => {
    const option = buildAdoptionOption({
      months: [{ month: month('2026-01'), customers: 2n, multiSubscription: 1n, multiFamily: 1n, multiSubscriptionShare: 0.5, addOnShare: 0.5 }],
    }) as { series: { data: number[] }[]; tooltip: { formatter: (p: unknown) => string } };
    expect(option.series.map((s) => s.data)).toEqual([[0.5], [0.5]]);
    expect(option.tooltip.formatter([{ dataIndex: 0, marker: '', seriesName: 'add-on (2+ families)', value: 0.5 }])).toBe('End of Jan 2026 · 2 customers<br>add-on (2+ families): <b>50%</b>');
  });
});
