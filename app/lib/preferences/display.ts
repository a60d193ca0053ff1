import { m } from '../paraglide/messages.js';
import type { MigrationRow, PlanMixRow } from './types.ts';

/** Labels of a migration's missing side: the subscription started, or ended. */
export const START_LABEL = '(start)';
export const END_LABEL = '(end)';

/** A row or column of the migration matrix as shown: a plan code, or "(start)" / "(end)" in the page's language. */
export function sideLabel(side: string): string {
  return side === START_LABEL ? m.rv_mig_start() : side === END_LABEL ? m.rv_mig_end() : side;
}

/** Plans of a plan mix in a stable order (family, tier, code) with their names. */
export function planOrder(rows: readonly PlanMixRow[]): { code: string; name: string }[] {
  const plans = new Map<string, PlanMixRow>();
  for (const r of rows) if (!plans.has(r.planCode)) plans.set(r.planCode, r);
  return [...plans.values()]
    .sort((a, b) => a.family.localeCompare(b.family) || a.tier - b.tier || a.planCode.localeCompare(b.planCode))
    .map((p) => ({ code: p.planCode, name: p.planName }));
}

export interface MigrationMatrix {
  /** Row labels: "(start)" then the plans moved from. */
  readonly from: string[];
  /** Column labels: the plans moved to, then "(end)". */
  readonly to: string[];
  /** counts[i][j]: moves from[i] → to[j] (0n when none). */
  readonly counts: bigint[][];
  readonly rowTotals: bigint[];
  readonly columnTotals: bigint[];
  readonly total: bigint;
}

/**
 * The from → to table of plan moves. Plans are ordered as `order` (plans not in it follow,
 * alphabetically); starts form the first row, ends the last column.
 */
export function migrationMatrix(rows: readonly MigrationRow[], order: readonly string[] = []): MigrationMatrix {
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  const sortPlans = (codes: Iterable<string>) => [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const from = [START_LABEL, ...sortPlans(rows.flatMap((r) => (r.fromPlanCode ? [r.fromPlanCode] : [])))];
  const to = [...sortPlans(rows.flatMap((r) => (r.toPlanCode ? [r.toPlanCode] : []))), END_LABEL];
  const counts = from.map(() => to.map(() => 0n));
  for (const r of rows) {
    const i = from.indexOf(r.fromPlanCode ?? START_LABEL);
    const j = to.indexOf(r.toPlanCode ?? END_LABEL);
    counts[i]![j]! += r.subscriptions;
  }
  if (!rows.some((r) => r.fromPlanCode === null)) {
    from.shift();
    counts.shift();
  }
  const rowTotals = counts.map((row) => row.reduce((s, c) => s + c, 0n));
  const columnTotals = to.map((_, j) => counts.reduce((s, row) => s + row[j]!, 0n));
  return { from, to, counts, rowTotals, columnTotals, total: rowTotals.reduce((s, c) => s + c, 0n) };
}
