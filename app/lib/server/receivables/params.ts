import { ReceivablesInputError } from './errors.ts';
import type { AgeBasis, AgingGroupBy, AgingParams, CeiVariant } from './types.ts';

export const DEFAULT_BOUNDS: Record<AgeBasis, readonly number[]> = {
  due_date: [0, 30, 60, 90, 120],
  invoice_date: [30, 60, 90, 120],
};

const GROUP_BY: readonly AgingGroupBy[] = ['customer', 'segment', 'region', 'currency'];

export function parseAsOf(value: string | null, fallback: string): string {
  const asOf = value || fallback;
  const d = new Date(`${asOf}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== asOf) {
    throw new ReceivablesInputError('BAD_AS_OF', `as-of date "${asOf}" is not a date like 2026-03-31`, 'asOf');
  }
  return asOf;
}

export function parseBasis(value: string | null): AgeBasis {
  const basis = value || 'due_date';
  if (basis !== 'due_date' && basis !== 'invoice_date') {
    throw new ReceivablesInputError('BAD_BASIS', `age basis must be due_date or invoice_date, not "${basis}"`, 'basis');
  }
  return basis;
}

/** Bucket bounds like "0,30,60,90,120": whole days, strictly ascending, at most 12. */
export function parseBounds(value: string | null, basis: AgeBasis): readonly number[] {
  if (!value) return DEFAULT_BOUNDS[basis];
  const parts = value.split(',').map((p) => p.trim());
  const bounds = parts.map(Number);
  const ok = parts.length >= 1 && parts.length <= 12 && parts.every((p) => /^-?\d{1,4}$/.test(p)) && bounds.every((b, i) => i === 0 || b > bounds[i - 1]!);
  if (!ok) throw new ReceivablesInputError('BAD_BUCKETS', `buckets "${value}" must be 1 to 12 whole numbers of days in ascending order, e.g. 0,30,60,90,120`, 'buckets');
  return bounds;
}

export function parseGroupBy(value: string | null): AgingGroupBy {
  const groupBy = (value || 'segment') as AgingGroupBy;
  if (!GROUP_BY.includes(groupBy)) throw new ReceivablesInputError('BAD_GROUP_BY', `group by must be one of ${GROUP_BY.join(', ')}`, 'groupBy');
  return groupBy;
}

export function parseCurrency(value: string | null): string | null {
  if (!value) return null;
  if (!/^[A-Z]{3}$/.test(value)) throw new ReceivablesInputError('BAD_CURRENCY', `currency "${value}" is not an ISO 4217 code like RUB`, 'currency');
  return value;
}

export function parseCeiVariant(value: string | null): CeiVariant {
  const v = value || 'period_sales';
  if (v !== 'period_sales' && v !== 'average_monthly_sales') {
    throw new ReceivablesInputError('BAD_CEI_VARIANT', 'CEI variant must be period_sales or average_monthly_sales', 'cei');
  }
  return v;
}

export function agingParams(search: URLSearchParams, defaultAsOf: string): AgingParams {
  const basis = parseBasis(search.get('basis'));
  return {
    asOf: parseAsOf(search.get('asOf'), defaultAsOf),
    basis,
    bounds: parseBounds(search.get('buckets'), basis),
    groupBy: parseGroupBy(search.get('groupBy')),
  };
}

/** "Current", "1–30", …, "120+" for due-date aging; "0–30", … for invoice-date aging. */
export function bucketLabels(bounds: readonly number[], basis: AgeBasis): string[] {
  const labels: string[] = [];
  bounds.forEach((b, i) => {
    const from = i === 0 ? null : bounds[i - 1]! + 1;
    if (i === 0) labels.push(basis === 'due_date' && b === 0 ? 'Current' : `≤ ${b}`);
    else labels.push(`${from}–${b}`);
  });
  labels.push(`${bounds[bounds.length - 1]! + 1}+`);
  return labels;
}
