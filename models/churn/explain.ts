/**
 * Reason codes by substitution, through the exported model itself: for each source column, the
 * row is scored again with that column set to its reference value (the training median, or the
 * most common category), and the drop in probability is that column's contribution. Works the same
 * for any model the ONNX file holds, and speaks in probability points a collector can weigh
 * ("days past due adds 12 points"). One-hot columns move together, as the column they came from.
 */
import { encode, type EncoderSpec, type FeatureTable, type Matrix } from './feature-table.ts';

/** Per source column, the value a "typical" customer has: numeric median or most common category. */
export type ReferenceValues = Readonly<Record<string, number | string | null>>;

export function referenceValues(table: FeatureTable): ReferenceValues {
  const out: Record<string, number | string | null> = {};
  for (const c of table.columns) {
    if (c.kind === 'numeric') {
      const present = Array.from(c.values as ArrayLike<number | null>).filter((v): v is number => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
      out[c.name] = present.length ? present[Math.floor((present.length - 1) / 2)] : null;
    } else {
      const counts = new Map<string, number>();
      for (const v of c.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      out[c.name] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    }
  }
  return out;
}

/** A table where every row equals row `row` of `table` except that column `k` takes its reference value, for each k. */
function substitutedTable(table: FeatureTable, rows: readonly number[], reference: ReferenceValues): FeatureTable {
  const n = rows.length * table.columns.length;
  return {
    columns: table.columns.map((c, ci) => {
      if (c.kind === 'numeric') {
        const values = new Array<number | null>(n);
        rows.forEach((r, ri) => {
          for (let k = 0; k < table.columns.length; k++) values[ri * table.columns.length + k] = k === ci ? (reference[c.name] as number | null) : (c.values as ArrayLike<number | null>)[r];
        });
        return { name: c.name, kind: 'numeric' as const, values };
      }
      const values = new Array<string | null>(n);
      rows.forEach((r, ri) => {
        for (let k = 0; k < table.columns.length; k++) values[ri * table.columns.length + k] = k === ci ? (reference[c.name] as string | null) : c.values[r];
      });
      return { name: c.name, kind: 'categorical' as const, values };
    }),
    label: new Float64Array(n),
  };
}

export interface ColumnContribution {
  readonly column: string;
  /** probability(row) − probability(row with this column at its reference value) */
  readonly delta: number;
}

/**
 * Contributions of every column for every row, in chunks. `score` runs the exported model;
 * `probabilities` are the rows' own scores (already computed).
 */
export async function columnContributions(
  encoder: EncoderSpec, table: FeatureTable, probabilities: ArrayLike<number>, reference: ReferenceValues,
  score: (x: Matrix) => Promise<Float64Array>, chunkRows = 2000,
): Promise<ColumnContribution[][]> {
  const rowCount = table.label.length;
  const k = table.columns.length;
  const out: ColumnContribution[][] = [];
  for (let start = 0; start < rowCount; start += chunkRows) {
    const rows = Array.from({ length: Math.min(chunkRows, rowCount - start) }, (_, i) => start + i);
    const substituted = await score(encode(encoder, substitutedTable(table, rows, reference)));
    rows.forEach((r, ri) => {
      out.push(table.columns.map((c, ci) => ({ column: c.name, delta: probabilities[r] - substituted[ri * k + ci] })));
    });
  }
  return out;
}
