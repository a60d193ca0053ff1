import type { DuckDBValue } from '@duckdb/node-api';
import { monthStartDate } from '../../months.ts';
import type { RevenueFilters } from '../../revenue/types.ts';

/** A WHERE clause over marts.revenue_monthly and its bound parameters ($1, $2, … in order). */
export interface CompiledWhere {
  readonly sql: string;
  readonly params: DuckDBValue[];
}

/**
 * The one place revenue filters become SQL. Values are only ever bound as parameters; the SQL text
 * holds fixed column names and placeholders.
 */
export function compileRevenueWhere(filters: RevenueFilters): CompiledWhere {
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [
    `currency = ${bind(filters.currency)}`,
    `month >= ${bind(monthStartDate(filters.from))}::date`,
    `month <= ${bind(monthStartDate(filters.to))}::date`,
  ];
  if (filters.segment !== undefined) clauses.push(`segment = ${bind(filters.segment)}`);
  if (filters.region !== undefined) clauses.push(`region = ${bind(filters.region)}`);
  return { sql: clauses.join(' and '), params };
}
