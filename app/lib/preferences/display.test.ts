import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { migrationMatrix, planOrder } from './display.ts';

describe('migration matrix', () => {
  const row = (from: string | null, to: string | null, n: bigint) => ({ fromPlanCode: from, toPlanCode: to, subscriptions: n, upgrades: 0n, downgrades: 0n, reactivations: 0n });

  it('puts starts in the first row, ends in the last column, plans in the given order, with totals', () => {
    const m = migrationMatrix(
      [row(null, 'MOB-M', 2n), row(null, 'MOB-S', 1n), row('MOB-S', 'MOB-M', 1n), row('MOB-M', 'MOB-S', 1n), row('HOME-NET-TV', null, 1n)],
      ['MOB-S', 'MOB-M'],
    );
    expect(m.from).toEqual(['(start)', 'MOB-S', 'MOB-M', 'HOME-NET-TV']);
    expect(m.to).toEqual(['MOB-S', 'MOB-M', '(end)']);
    expect(m.counts).toEqual([[1n, 2n, 0n], [0n, 1n, 0n], [1n, 0n, 0n], [0n, 0n, 1n]]);
    expect(m.rowTotals).toEqual([3n, 1n, 1n, 1n]);
    expect(m.columnTotals).toEqual([2n, 3n, 1n]);
    expect(m.total).toBe(6n);
  });

  it('leaves out the start row when nothing started', () => {
    expect(migrationMatrix([row('A', 'B', 1n)]).from).toEqual(['A']);
    expect(migrationMatrix([]).total).toBe(0n);
  });

  it('orders plans by family, tier, code', () => {
    const p = (code: string, family: string, tier: number) => ({
      month: '2026-01' as MonthString, planCode: code, planName: code, family, tier, subscriptions: 1n, share: 0, quantity: 1n, customers: 1n, upgradedSubscriptions: 0n,
    });
    expect(planOrder([p('MOB-M', 'mobile', 2), p('HOME-NET', 'home', 1), p('MOB-S', 'mobile', 1), p('MOB-M', 'mobile', 2)]).map((x) => x.code)).toEqual(['HOME-NET', 'MOB-S', 'MOB-M']);
  });
});
