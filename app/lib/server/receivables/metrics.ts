import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import type { CeiVariant, CollectionMetricsMonth } from './types.ts';

export interface MetricsFilter {
  readonly currency: string;
  readonly segment?: string | null;
  readonly region?: string | null;
  readonly ceiVariant: CeiVariant;
}

/** DSO (standard, countback), best possible DSO, ADD, % current and CEI per month (sql/queries/collection_metrics.sql). */
export async function collectionMetrics(db: Pick<Warehouse, 'query'>, f: MetricsFilter): Promise<CollectionMetricsMonth[]> {
  const rows = await db.query<Record<string, unknown>>(sqlQuery('collection_metrics'), [f.currency, f.segment ?? null, f.region ?? null, f.ceiVariant]);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    month: (r.month as Date).toISOString().slice(0, 7),
    currency: r.currency as string,
    arMinor: r.ar_minor as bigint,
    arCurrentMinor: r.ar_current_minor as bigint,
    arOverdueMinor: r.ar_overdue_minor as bigint,
    creditSalesMinor: r.credit_sales_minor as bigint,
    dsoStandard: num(r.dso_standard),
    dsoCountback: num(r.dso_countback),
    bestPossibleDso: num(r.best_possible_dso),
    addDays: num(r.add_days),
    pctCurrent: num(r.pct_current),
    cei: num(r.cei),
  }));
}
