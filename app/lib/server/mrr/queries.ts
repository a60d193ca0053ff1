import type { DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import type { MrrFilters, MrrSettings } from './types.ts';

export type Db = Pick<Warehouse, 'query'>;

/**
 * A query of sql/queries/ with `{{name}}` replaced by the query sql/queries/name.sql in parentheses,
 * so the per-customer movements are written once and every figure aggregates the same rows.
 * Only names of our own files are substituted (lower_snake_case, checked by sqlQuery).
 */
export function composedQuery(name: string): string {
  return sqlQuery(name).replace(/\{\{([a-z_]+)\}\}/g, (_m, inner: string) => `(${sqlQuery(inner)})`);
}

/**
 * $1–$5 of sql/queries/mrr_customer_movements.sql: the grain (per plan when grouped or filtered by
 * plan) and the settings.
 */
export function movementParams(settings: MrrSettings, byPlan: boolean): DuckDBValue[] {
  return [byPlan, settings.pastDueChurnDays, settings.usageInMrr, settings.trials === 'count', settings.freePlans === 'count'];
}

/** Movements are classified per customer × plan only when the request is about plans. */
export function byPlan(filters: MrrFilters, groupBy: string): boolean {
  return groupBy === 'plan' || filters.plan !== null;
}

export const toBigint = (v: unknown): bigint => BigInt(v as bigint | number | string);
export const toBigintOrNull = (v: unknown): bigint | null => (v === null || v === undefined ? null : toBigint(v));
export const toNumber = (v: unknown): number => Number(v as bigint | number);
export const toNumberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v as bigint | number));

/** A DATE read from DuckDB (JS Date at UTC midnight, or a string) as YYYY-MM. */
export function toMonth(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  return String(v).slice(0, 7);
}
